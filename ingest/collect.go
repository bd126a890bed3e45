package ingest

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// StdinName is the Name of the Input read from standard input ("-").
const StdinName = "-"

// Input is one report to ingest, not yet read. Err is set instead of Open
// when the path could not be used; Name then says which path.
type Input struct {
	Name string // path as found ("dir/sub/a.html"), or "-" for stdin
	Size int64  // bytes, or -1 when unknown (stdin)
	Open func() (io.ReadCloser, error)
	Err  error
}

// Read reads the input whole, refusing, without reading it all, one larger
// than maxBytes (DefaultMaxBytes when 0).
func (in Input) Read(ctx context.Context, maxBytes int64) ([]byte, error) {
	if in.Err != nil {
		return nil, in.Err
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if in.Size > maxBytes {
		return nil, tooLarge(in.Name, in.Size, maxBytes)
	}
	if err := ctx.Err(); err != nil {
		return nil, &Error{File: in.Name, Kind: KindRead, Reason: "not read: " + err.Error(), Err: err}
	}
	rc, err := in.Open()
	if err != nil {
		return nil, readError(in.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(ctxReader{ctx, rc}, maxBytes+1))
	if err != nil {
		return nil, readError(in.Name, err)
	}
	if int64(len(data)) > maxBytes {
		return nil, tooLarge(in.Name, -1, maxBytes)
	}
	return data, nil
}

// ctxReader stops reading once its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

func readError(name string, err error) *Error {
	reason := err.Error()
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		reason = "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		reason = "permission denied"
	case errors.As(err, &pe):
		reason = pe.Err.Error()
	}
	return &Error{File: name, Kind: KindRead, Reason: reason, Err: err}
}

// Collect lists the inputs named by paths: a file, a folder (walked
// recursively in lexical order, skipping hidden files and folders such as
// .git; a symbolic link inside a folder is followed only to a file inside
// that folder), or "-" for stdin. A path that cannot be used yields an Input with
// Err set, and the batch goes on; once ctx is done, Collect yields one
// Input with the context's error and stops.
func Collect(ctx context.Context, paths []string, stdin io.Reader) iter.Seq[Input] {
	return func(yield func(Input) bool) {
		stdinUsed := false
		for _, p := range paths {
			if err := ctx.Err(); err != nil {
				yield(Input{Name: p, Err: &Error{File: p, Kind: KindRead, Reason: "not read: " + err.Error(), Err: err}})
				return
			}
			if p == StdinName {
				in := Input{Name: StdinName, Size: -1}
				switch {
				case stdin == nil:
					in.Err = &Error{File: StdinName, Kind: KindRead, Reason: "no standard input"}
				case stdinUsed:
					in.Err = &Error{File: StdinName, Kind: KindRead, Reason: "standard input named twice"}
				default:
					stdinUsed = true
					in.Open = func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }
				}
				if !yield(in) {
					return
				}
				continue
			}
			if !walk(ctx, p, yield) {
				return
			}
		}
	}
}

// walk yields the files at or below root; it returns false when yield asks
// to stop.
func walk(ctx context.Context, root string, yield func(Input) bool) bool {
	fi, err := os.Stat(root)
	if err != nil {
		return yield(Input{Name: root, Err: readError(root, err)})
	}
	if !fi.IsDir() {
		return yield(fileInput(root, fi))
	}
	stopped := false
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !yield(Input{Name: path, Err: readError(path, err)}) {
				stopped = true
				return filepath.SkipAll
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			yield(Input{Name: path, Err: &Error{File: path, Kind: KindRead, Reason: "not read: " + err.Error(), Err: err}})
			stopped = true
			return filepath.SkipAll
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := linkInside(root, path); err != nil {
				if !yield(Input{Name: path, Err: err}) {
					stopped = true
					return filepath.SkipAll
				}
				return nil
			}
		}
		fi, err := os.Stat(path) // follows a symbolic link to a file
		if err != nil {
			if !yield(Input{Name: path, Err: readError(path, err)}) {
				stopped = true
				return filepath.SkipAll
			}
			return nil
		}
		if fi.IsDir() {
			return nil // a link to a folder: not followed, against loops
		}
		if !fi.Mode().IsRegular() {
			return nil // sockets, devices and pipes inside folders are not reports
		}
		if !yield(fileInput(path, fi)) {
			stopped = true
			return filepath.SkipAll
		}
		return nil
	})
	return !stopped
}

func fileInput(path string, fi fs.FileInfo) Input {
	in := Input{Name: path, Size: fi.Size()}
	if !fi.Mode().IsRegular() {
		in.Size = -1 // a named pipe or device: size unknown, read with a limit
	}
	in.Open = func() (io.ReadCloser, error) { return os.Open(path) }
	return in
}

// linkInside checks that the symbolic link at path, found while walking
// root, leads to a file inside root. A folder may come from someone else
// (an unpacked archive, a shared drive), and a link out of it would carry
// any file the user can read, such as a key or a password file, into the
// evidence.
func linkInside(root, path string) *Error {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return readError(path, err)
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return readError(path, err)
	}
	rel, err := filepath.Rel(r, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return &Error{File: path, Kind: KindRead, Reason: "a symbolic link out of the folder " + root + "; not followed"}
	}
	return nil
}
