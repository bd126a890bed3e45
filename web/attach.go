package web

import (
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
		opts.Places = gazetteer.Refs{Gazetteer: s.cfg.Gazetteer}
	}
	return link.NewStoreAttacher(ls, opts)
}
