package web

import (
	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/pipeline"
)

// attacher links uploaded claims into the stored incidents as each upload
// is stored, without relinking. (The Store is always a link.Store: a type
// assertion here once failed silently on the redacting wrapper, and no
// upload was ever linked.)
func (s *Server) attacher() pipeline.Attacher {
	var ls link.Store = s.cfg.Store
	var opts link.Options
	if s.cfg.Gazetteer != nil {
		opts.Places = gazetteerPlaces{s.cfg.Gazetteer}
	}
	return link.NewStoreAttacher(ls, opts)
}

// gazetteerPlaces adapts the gazetteer to what the linker asks of places.
type gazetteerPlaces struct{ gz *gazetteer.Gazetteer }

func (p gazetteerPlaces) Resolve(name string, countries ...string) (harmlog.PlaceRef, bool) {
	pl, ok := p.gz.Resolve(name, countries...)
	if !ok {
		return harmlog.PlaceRef{}, false
	}
	return pl.Ref(), true
}
