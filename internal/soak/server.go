package soak

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// server is one `harmlog serve` process on a fixed address, started,
// killed and restarted by the run. gen counts the processes it has had,
// so that a client can tell whether the server died under its request.
type server struct {
	name, addr, base string
	bin, db          string
	token            string
	log              io.Writer // the processes' output, appended

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	up     bool
	gen    int
}

// freeAddr asks the kernel for a free loopback port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// state reports whether the server is up and its generation.
func (s *server) state() (up bool, gen int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.up, s.gen
}

// start starts a serve process and waits until it answers HTTP.
func (s *server) start(ctx context.Context, timeout time.Duration) error {
	cmd := exec.Command(s.bin, "--db", s.db, "serve", "--addr", s.addr)
	cmd.Stdout, cmd.Stderr = s.log, s.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: starting harmlog serve: %w", s.name, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	s.mu.Lock()
	s.cmd, s.exited = cmd, exited
	s.mu.Unlock()
	probe := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", s.base+"/api/openapi.json", nil)
		if s.token != "" {
			req.Header.Set("Authorization", "Bearer "+s.token)
		}
		if res, err := probe.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			s.mu.Lock()
			s.up = true
			s.mu.Unlock()
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("%s: harmlog serve exited before answering (see its log)", s.name)
		case <-ctx.Done():
			s.kill()
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.kill()
			return fmt.Errorf("%s: harmlog serve did not answer within %v", s.name, timeout)
		}
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *server) kill() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.up = false
	s.gen++
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-exited
}

// stop asks the process to shut down (SIGTERM, as Ctrl-C would), and
// kills it if it has not gone within 15 s.
func (s *server) stop() error {
	s.mu.Lock()
	cmd, exited, up := s.cmd, s.exited, s.up
	s.up = false
	s.mu.Unlock()
	if cmd == nil || !up {
		return nil
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
		if st := cmd.ProcessState; st != nil && !st.Success() {
			return fmt.Errorf("%s: harmlog serve stopped with %v", s.name, st)
		}
		return nil
	case <-time.After(15 * time.Second):
		s.kill()
		return fmt.Errorf("%s: harmlog serve did not stop within 15 s of SIGTERM; killed", s.name)
	}
}

// isRefused reports whether a transport error is a refused connection:
// nothing was listening.
func isRefused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED)
}

// openLog opens (appending) the file the servers write to.
func openLog(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
}
