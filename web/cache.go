package web

// The response cache: the incident list and the tallies are pure functions
// of the store's contents and the query, and the store says cheaply whether
// its contents changed (Store.Generation, the change log's head). So a
// response, encoded once, is kept under (generation, endpoint, normalised
// query) and served again until the generation moves. Every request asks
// the store for the generation, so a server sharing a PostgreSQL database
// with others sees their writes at its next request; nothing is kept that
// the store does not say is current.

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/singleflight"
)

// Default bounds of the response cache.
const (
	DefaultCacheEntries = 1024
	DefaultCacheBytes   = 64 << 20
)

// response is an encoded answer, as kept by the cache.
type response struct {
	status      int
	contentType string
	disposition string // Content-Disposition, or empty
	body        []byte
	etag        string // strong, from the body's SHA-256
	gzipped     []byte // the body gzipped, when that saves something
}

// minGzip is the smallest body worth compressing.
const minGzip = 1024

// newJSONResponse encodes v as the API's JSON (as writeJSON does) with
// status 200.
func newJSONResponse(v any) (*response, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return &response{status: http.StatusOK, contentType: "application/json; charset=utf-8", body: buf.Bytes()}, nil
}

// seal sets the ETag from the body and compresses a large body once, so
// that every later answer is a copy of bytes.
func (r *response) seal() *response {
	sum := sha256.Sum256(r.body)
	r.etag = `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	if len(r.body) >= minGzip {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // a valid level never fails
		_, _ = zw.Write(r.body)                            // writes to a bytes.Buffer never fail
		if zw.Close() == nil && buf.Len() < len(r.body) {
			r.gzipped = buf.Bytes()
		}
	}
	return r
}

// write sends the response, gzipped when the client accepts it, or 304 Not
// Modified when the request's If-None-Match names the ETag of the form it
// would get (the gzipped form has an ETag of its own).
func (r *response) write(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	body, etag := r.body, r.etag
	if r.gzipped != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(req.Header.Get("Accept-Encoding")) {
			body, etag = r.gzipped, strings.TrimSuffix(r.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	h.Set("Cache-Control", "no-cache") // clients may keep it but must revalidate
	if etagMatch(req.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", r.contentType)
	if r.disposition != "" {
		h.Set("Content-Disposition", r.disposition)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(r.status)
	_, _ = w.Write(body)
}

// acceptsGzip reports whether an Accept-Encoding header admits gzip: gzip
// (or x-gzip, or "*") is listed with no q or a q above 0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip", "*":
		default:
			continue
		}
		for _, p := range strings.Split(params, ";") {
			if v, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(p)), "q="); ok {
				q, err := strconv.ParseFloat(v, 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}

// etagMatch reports whether an If-None-Match header names etag (weak
// comparison, as RFC 9110 asks for If-None-Match) or is "*".
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// respCache holds encoded responses of the newest generation seen, least
// recently used first out, within a count and a byte budget. Identical
// concurrent misses compute once. It is safe for concurrent use.
type respCache struct {
	maxEntries int
	maxBytes   int64
	group      singleflight.Group

	mu    sync.Mutex
	gen   int64                    // the newest generation seen
	lru   *list.List               // of *cacheEntry, most recent first
	items map[string]*list.Element // by key
	bytes int64
	stats cacheStats
}

type cacheEntry struct {
	key  string
	resp *response
}

// cacheStats counts the cache's work since the server started.
type cacheStats struct {
	Hits, Misses, Evictions int64
	Entries                 int
	Bytes                   int64
}

func newRespCache(maxEntries int, maxBytes int64) *respCache {
	return &respCache{maxEntries: maxEntries, maxBytes: maxBytes, lru: list.New(), items: map[string]*list.Element{}}
}

// get returns the response of key at generation gen, computing and keeping
// it on a miss. A generation newer than any seen empties the cache: no
// reader can be answered from an older one again. An error is returned to
// every caller waiting on the same computation and is not kept.
func (c *respCache) get(ctx context.Context, gen int64, key string, compute func(context.Context) (*response, error)) (*response, error) {
	full := strconv.FormatInt(gen, 10) + "\x00" + key
	c.mu.Lock()
	if gen > c.gen {
		c.gen = gen
		c.stats.Evictions += int64(c.lru.Len())
		c.lru.Init()
		clear(c.items)
		c.bytes = 0
	}
	if el, ok := c.items[full]; ok {
		c.lru.MoveToFront(el)
		c.stats.Hits++
		c.mu.Unlock()
		return el.Value.(*cacheEntry).resp, nil
	}
	c.stats.Misses++
	c.mu.Unlock()
	v, err, _ := c.group.Do(full, func() (any, error) {
		// The work is shared: one waiter going away must not cancel it
		// for the others.
		r, err := compute(context.WithoutCancel(ctx))
		if err != nil {
			return nil, err
		}
		r.seal()
		c.put(gen, full, r)
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*response), nil
}

// size is what an entry costs the byte budget.
func (r *response) size(key string) int64 { return int64(len(r.body) + len(r.gzipped) + len(key)) }

// put keeps r under key unless its generation is no longer the newest or
// it alone is over the byte budget, then evicts from the cold end.
func (c *respCache) put(gen int64, key string, r *response) {
	size := r.size(key)
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || size > c.maxBytes || c.maxEntries <= 0 {
		return
	}
	if _, ok := c.items[key]; ok {
		return
	}
	c.items[key] = c.lru.PushFront(&cacheEntry{key, r})
	c.bytes += size
	for c.lru.Len() > c.maxEntries || c.bytes > c.maxBytes {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry)
		c.lru.Remove(el)
		delete(c.items, e.key)
		c.bytes -= e.resp.size(e.key)
		c.stats.Evictions++
	}
}

// Stats returns the counters and the current size.
func (c *respCache) Stats() cacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.stats
	st.Entries, st.Bytes = c.lru.Len(), c.bytes
	return st
}

// cacheKey is the normalised form of a request: the endpoint and the
// parsed parameters, so that queries that differ only in the order,
// spacing or case of their parameters share an entry.
func cacheKey(endpoint string, params any) (string, error) {
	b, err := json.Marshal(params)
	if err != nil {
		return "", err
	}
	return endpoint + "\x00" + string(b), nil
}

// serveCached answers r with the response of (endpoint, params) at the
// store's current generation, computing it with compute on a miss. With no
// cache configured, it computes every time.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, endpoint string, params any, compute func(context.Context) (*response, error)) {
	ctx := r.Context()
	var resp *response
	var err error
	if s.cache == nil {
		resp, err = compute(ctx)
		if err == nil {
			resp.seal()
		}
	} else {
		var gen int64
		var key string
		if !hide(ctx) {
			// Roles that may see sensitive fields get entries of their own.
			endpoint += "+sensitive"
		}
		if gen, err = s.cfg.Store.Generation(ctx); err == nil {
			if key, err = cacheKey(endpoint, params); err == nil {
				resp, err = s.cache.get(ctx, gen, key, compute)
			}
		}
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	resp.write(w, r)
}

// newServerCache returns the cache cfg asks for, or nil.
func newServerCache(cfg Config) *respCache {
	switch {
	case cfg.CacheBytes < 0:
		return nil
	case cfg.CacheBytes == 0:
		return newRespCache(DefaultCacheEntries, DefaultCacheBytes)
	}
	return newRespCache(DefaultCacheEntries, cfg.CacheBytes)
}
