package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/web"
)

func (a *app) serveCmd() *cobra.Command {
	var addr string
	var allowRemote bool
	var maxBytes int64
	var secureCookies bool
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--allow-remote]",
		Short: "Serve the web app and the JSON API (/api/, described at /api/openapi.json)",
		Long: `serve runs harmlog's web app on the store: the incidents with a timeline and a
map, documents with their claims highlighted, review, upload, audit and tally
pages, and the JSON API under /api/ (described at /api/openapi.json). Every
asset is built into the binary; nothing is fetched from the network.

A store without users (harmlog users add) is open: anyone who reaches the
server can read and change it. It then listens on loopback only (127.0.0.1,
::1, localhost) and answers only requests addressed to a loopback name;
--allow-remote lifts both guards, for a server behind an authenticating proxy.
Once the store has users, every request needs a sign-in (/login) or an API
token, each route checks the user's role, and any address may be given.

The session cookie is HttpOnly and SameSite=Lax, and Secure on TLS
connections; harmlog serves plain HTTP, so behind a TLS-terminating proxy add
--secure-cookies. (Over plain HTTP the cookie is not marked Secure: some
browsers would drop a Secure cookie set by http://127.0.0.1.)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if err != nil {
				return err
			}
			defer s.Close()
			if !web.IsLoopbackAddr(addr) && !allowRemote {
				has, err := s.HasUsers(ctx)
				if err != nil {
					return &exitError{code: ExitProblem, err: fmt.Errorf("serve: %w", err)}
				}
				if !has {
					return &exitError{code: ExitUsage, err: fmt.Errorf("serve: --addr %s is not a loopback address and the store has no users, so anyone who can reach it could change the store. Add a user (harmlog users add --role admin NAME), use 127.0.0.1:PORT, or add --allow-remote if an authenticating proxy stands in front", addr)}
				}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return &exitError{code: ExitFailed, err: fmt.Errorf("serve: %w", err)}
			}
			h, logger, err := a.webHandler(ctx, s, maxBytes, !allowRemote, secureCookies)
			if err != nil {
				ln.Close()
				return err
			}
			return a.serve(ctx, ln, h, logger)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, host:port")
	f.BoolVar(&allowRemote, "allow-remote", false, "listen on a non-loopback address and answer any Host (only behind an authenticating proxy)")
	f.Int64Var(&maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest uploaded file accepted, in bytes")
	f.BoolVar(&secureCookies, "secure-cookies", false, "mark the session cookie Secure on plain HTTP too (behind a TLS-terminating proxy)")
	return cmd
}

// webHandler builds the web app over s, with the gazetteer and extractor
// loaded once.
func (a *app) webHandler(ctx context.Context, s *store.Store, maxBytes int64, loopbackOnly, secureCookies bool) (http.Handler, *slog.Logger, error) {
	gz, err := a.gazetteer(ctx, s)
	if err != nil {
		return nil, nil, err
	}
	bm, err := a.basemap() // infographic.go
	if err != nil {
		return nil, nil, err
	}
	logger := slog.New(slog.NewTextHandler(a.io.Err, nil))
	h, err := web.New(web.Config{
		Store: s, Gazetteer: gz, Extractor: extract.New(extract.Options{Places: gz}), Parties: party.Default(),
		MaxUploadBytes: maxBytes, LoopbackOnly: loopbackOnly, Logger: logger, SecureCookies: secureCookies, Basemap: bm,
	})
	return h, logger, err
}

// serve serves h on ln until ctx is cancelled, then shuts down gracefully.
func (a *app) serve(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(a.io.Out, "harmlog: serving the store %s at http://%s/ (Ctrl-C stops)\n", redact(a.dsn()), ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return &exitError{code: ExitFailed, err: fmt.Errorf("serve: %w", err)}
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return &exitError{code: ExitFailed, err: fmt.Errorf("serve: shutdown: %w", err)}
	}
	fmt.Fprintln(a.io.Out, "harmlog: stopped")
	return nil
}
