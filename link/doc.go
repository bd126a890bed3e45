// Package link groups claims of harm into incidents, records why each claim
// joined its incident, and derives each incident's figures, sources and
// grade. The rules are the same for every party; no rule looks at which side
// a claim accuses or comes from except where stated, and then symmetrically.
//
// # Which claims are linked
//
// Only claims of scope "incident" are linked. Cumulative tolls ("since 27
// September 87 civilians have been killed") are never merged into an
// incident; tally reconciles them with the incidents instead. A claim joins
// the existing incident it matches best when its score against that
// incident reaches Options.Threshold (DefaultThreshold, 4.5 points);
// otherwise it starts a new incident. The score against an incident is the
// mean of the claim's pair scores with the incident's members (the 16 most
// recent), so that a claim must agree with the incident as a whole and one
// ambiguous claim cannot chain two events together. Members more than a day
// away are left out of the mean, so a claim dated between two others can
// bridge them. A pair scores the sum of:
//
//   - Date. Both known to the day: the same day +3, one day apart +1, two or
//     more days apart: not compared. A period (a claim known only to the
//     week or month) that overlaps the other's date: +1; one day apart 0.
//     Undated: −1.
//   - Place, the best of: the same gazetteer id +4 (other-side toponyms that
//     the gazetteer resolves to the same place meet here); the same name,
//     including a claim's other-side toponym (PlaceRef.Alt), +4; one name
//     inside the other ("Ganja" and "Ganja central market") +3; one place
//     named as the area the other lies in ("Barda" and "Garayusifli
//     village, Barda district": what follows a comma is context, not a
//     place) +3; a shared word +2; both in the same named area +0.5; spellings with Jaro-Winkler similarity ≥ 0.9 or one
//     edit apart +3, ≥ 0.85 +2; coordinates within 2 km +3.5, 10 km +2.5,
//     25 km +1; the same admin area +0.5; nothing in common −2. Two resolved
//     places more than 50 km apart: −3. Names are compared folded (case and
//     accents dropped), without words for kinds of places (village,
//     district, central, ...) and as spelling skeletons that make common
//     transliterations meet (kh/h, dzh/j/zh, ts/c, ou/u, y/i, q/k, w/v,
//     doubled letters). Places in different countries are never one event.
//   - Figures. Figures drift between sources, so killed and injured are
//     compared by the gap between the two ranges relative to the larger
//     figure plus 10: overlapping +1.5 (both zero +0.5), gap ≤ 15% +1, ≤ 30%
//     +0.25, ≤ 50% −0.75, ≤ 75% −2, more −4. So 5 against 21 is −2 (on
//     the same day at the same place they still link), 3 against 300 is
//     −4 (they do not). Injured counts half.
//   - Weapon. The same kind (missile, rocket, artillery, drone, ...) +0.5;
//     the same family (indirect fire, air, explosive device, small arms)
//     +0.2; different −0.5.
//   - Alleged perpetrator. The same party +0.3. Different alleged
//     perpetrators never count against a link: that is a contested incident.
//
// Candidate incidents are found through blocking indexes, never by
// comparing all pairs: per day (a claim looks at the day before and after
// too) or month (for periods), keyed by gazetteer id, a 0.1° grid cell, and
// for every name word the word, its one-letter deletions (short words) or
// first and last four letters (long words), so that spellings one edit
// apart meet.
//
// # Determinism and analysts' decisions
//
// Link takes claims pinned by an analyst first, then in order of date and
// ClaimKey, so the same claims in any order give the same incidents and the
// same keys. An incident's key is its first claim's date, first place word
// and a hash of that claim ("2020-10-27-garayusifli-3fa1c2"). Attach adds
// one claim to a linked set without relinking. Pins (claim → incident key)
// and Never constraints (two claims never in one incident) are inputs: every
// relink keeps them.
//
// # Derived fields
//
//   - Killed and injured: over the claims not rejected by an analyst, each
//     source's latest figure (a later published date, or the Update flag,
//     supersedes that source's earlier figures rather than widening the
//     range); low = the lowest figure any of them gives, high = the highest.
//   - Sources: the number of independent sources. A source is the claimant
//     (its name up to a parenthesis, comma or semicolon), else the wire
//     service a publisher credits ("Taipei Times (AFP)" is AFP), else the
//     publisher: a wire story republished by several outlets is one source,
//     and so is a claimant quoted by several publishers. A name that begins
//     another ("Artsakh Human Rights Ombudsman" and "... Artak Beglaryan")
//     counts once.
//   - Perpetrators: the parties alleged, through the Alignment table.
//   - Denials: who denies the claims (Claim.DeniedBy).
//   - CrossParty: the sources are aligned with two different sides, or an
//     independent source (UN, ICRC, HRW, Amnesty, OSCE, international media)
//     reports it beside a side's source.
//   - Contested: the claims name different perpetrator parties, or the
//     accused party (or a denier whose alignment is unknown) denies.
//
// # Grades
//
// In this order, the first that applies:
//
//  1. discounted: an analyst discounted the incident, with a reason
//     (Options.Discounted).
//  2. confirmed: a source aligned with the accused party acknowledges the
//     event (its own claim names its own side as perpetrator, without
//     denying), in a claim a person stands behind (imported, confirmed or
//     corrected; a machine extraction alone never confirms). The incident
//     may still be Contested.
//  3. contested: Contested, as above.
//  4. fair: two or more independent sources.
//  5. weak: a single source.
//
// # Alignment
//
// Which side a claimant, publisher or perpetrator belongs to is data
// (Alignment), not code: DefaultAlignment covers the 2020 Nagorno-Karabakh
// war and common independent organisations and media, and users add rules
// with Alignment.Add or ReadAlignment (a tab-separated file).
package link
