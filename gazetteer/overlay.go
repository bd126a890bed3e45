package gazetteer

import (
	"fmt"
	"maps"
	"strings"
)

// overlay holds the user places and aliases added after Load. It is never
// changed once published: AddPlace and AddAlias build a new one.
type overlay struct {
	places []Place            // user places, numbered after the base places
	byID   map[string]int32   // user place IDs
	names  map[int32][]string // aliases added to base places
	keys   map[string][]int32 // folded name → places (base or user)
	prefix map[string]bool    // whole-token prefixes of multi-token keys
}

// place returns place number i, base or user, with its added aliases.
func (u *overlay) place(g *Gazetteer, i int32) Place {
	var p Place
	if int(i) < g.n {
		p = g.place(i)
	} else {
		p = u.places[int(i)-g.n]
	}
	if extra := u.names[i]; len(extra) > 0 {
		p.Names = append(p.Names[:len(p.Names):len(p.Names)], extra...)
	}
	return p
}

// population returns the population of place number i, base or user.
func (u *overlay) population(g *Gazetteer, i int32) int {
	if int(i) < g.n {
		return g.ix.Population(i)
	}
	return u.places[int(i)-g.n].Population
}

// country returns the country of place number i, base or user.
func (u *overlay) country(g *Gazetteer, i int32) string {
	if int(i) < g.n {
		return g.ix.Country(i)
	}
	return u.places[int(i)-g.n].Country
}

// clone returns a copy that can be changed without disturbing readers of u.
func (u *overlay) clone() *overlay {
	c := &overlay{
		places: u.places[:len(u.places):len(u.places)],
		byID:   maps.Clone(u.byID),
		names:  maps.Clone(u.names),
		keys:   maps.Clone(u.keys),
		prefix: maps.Clone(u.prefix),
	}
	if c.byID == nil {
		c.byID, c.names, c.keys, c.prefix = map[string]int32{}, map[int32][]string{}, map[string][]int32{}, map[string]bool{}
	}
	return c
}

// addKey files place i under the folded name.
func (u *overlay) addKey(i int32, name string) {
	k := Fold(name)
	if k == "" {
		return
	}
	for _, p := range u.keys[k] {
		if p == i {
			return
		}
	}
	u.keys[k] = append(u.keys[k][:len(u.keys[k]):len(u.keys[k])], i)
	for j := strings.LastIndexByte(k, ' '); j > 0; j = strings.LastIndexByte(k[:j], ' ') {
		u.prefix[k[:j]] = true
	}
}

// AddPlace adds a user place, such as a village an analyst located. Its ID
// must be new and not empty ("user:N" for places stored in the database);
// its Name and Names become searchable at once.
func (g *Gazetteer) AddPlace(p Place) error {
	if p.ID == "" {
		return fmt.Errorf("gazetteer: AddPlace %q: empty ID", p.Name)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.ByID(p.ID); ok {
		return fmt.Errorf("gazetteer: AddPlace %s: ID in use", p.ID)
	}
	u := g.user.Load().clone()
	if p.ASCII == "" {
		p.ASCII = Fold(p.Name)
	}
	if len(p.Names) == 0 || p.Names[0] != p.Name {
		p.Names = append([]string{p.Name}, p.Names...)
	}
	i := int32(g.n + len(u.places))
	u.places = append(u.places, p)
	u.byID[p.ID] = i
	for _, n := range p.Names {
		u.addKey(i, n)
	}
	g.user.Store(u)
	return nil
}

// AddAlias adds another name for the place with the given ID (GeoNames,
// curated or user).
func (g *Gazetteer) AddAlias(id, alias string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	u := g.user.Load().clone()
	i, ok := g.index(id)
	if !ok {
		if i, ok = u.byID[id]; !ok {
			return fmt.Errorf("gazetteer: AddAlias %q: unknown place %s", alias, id)
		}
	}
	if int(i) < g.n {
		u.names[i] = append(u.names[i][:len(u.names[i]):len(u.names[i])], alias)
	} else {
		j := int(i) - g.n
		u.places = append([]Place(nil), u.places...)
		p := u.places[j]
		p.Names = append(p.Names[:len(p.Names):len(p.Names)], alias)
		u.places[j] = p
	}
	u.addKey(i, alias)
	g.user.Store(u)
	return nil
}
