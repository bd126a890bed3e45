// upload.js enhances the upload form (web/templates/upload.html): with
// scripts on, each chosen file is sent as its own POST /api/documents, two
// at a time, with a progress bar per file (bytes sent, then "extracting…"
// until the server answers) and its result in the #results table as soon
// as it is known. Without scripts the form posts every file to /upload and
// the server renders the same table. No inline code or style: the page's
// Content-Security-Policy forbids both.
(function () {
  'use strict';

  var form = document.getElementById('upload');
  var section = document.getElementById('upload-results');
  var live = document.getElementById('upload-status');
  if (!form || !section || !live || !window.FormData || !window.XMLHttpRequest) {
    return; // the plain form keeps working
  }
  var input = form.querySelector('input[type=file]');
  var button = form.querySelector('button[type=submit]');
  var tbody = section.querySelector('#results tbody');
  var meta = document.querySelector('meta[name="csrf-token"]');
  var max = Number(form.getAttribute('data-max')) || 0;
  var parallel = 2;
  var busy = false;

  function el(name, text, cls) {
    var e = document.createElement(name);
    if (text !== undefined) {
      e.textContent = text;
    }
    if (cls) {
      e.className = cls;
    }
    return e;
  }

  // row adds the table row of one file, with its progress bar.
  function row(file) {
    var tr = el('tr');
    var outcome = el('td', undefined, 'outcome');
    var bar = el('progress');
    bar.max = file.size || 1;
    bar.value = 0;
    bar.setAttribute('aria-label', 'upload of ' + file.name);
    var state = el('span', 'waiting', 'state');
    outcome.append(bar, ' ', state);
    tr.append(el('td', file.name), outcome, el('td', '', 'n'), el('td'));
    tr.setAttribute('data-state', 'waiting');
    tbody.append(tr);
    return {file: file, tr: tr, bar: bar, state: state, outcome: outcome};
  }

  function setState(u, name, text) {
    u.tr.setAttribute('data-state', name);
    u.state.textContent = text;
  }

  // finish shows the file's result (an UploadResult of the API, or an
  // error message) in place of its progress.
  function finish(u, res, err) {
    var text;
    u.state.remove();
    if (err || !res || res.error) {
      text = 'failed: ' + (err || (res && res.error) || 'no answer');
      u.outcome.append(el('span', text, 'error'));
      u.tr.setAttribute('data-state', 'failed');
    } else {
      var link = el('a', 'document ' + res.id);
      link.href = '/documents/' + res.id;
      text = (res.existed ? 'already stored as ' : 'stored as ') + link.textContent;
      u.outcome.append(res.existed ? 'already stored as ' : 'stored as ', link);
      u.tr.cells[2].textContent = String(res.claims);
      u.tr.cells[3].append(el('code', res.sha256 || ''));
      u.tr.setAttribute('data-state', 'done');
    }
    return u.file.name + ': ' + text;
  }

  // failure reads the error of an answer that is not a result list.
  function failure(xhr) {
    var body = xhr.response;
    if (body && body.error && body.error.message) {
      return body.error.message;
    }
    return 'HTTP ' + xhr.status + (xhr.statusText ? ' ' + xhr.statusText : '');
  }

  function send(u, done) {
    if (max > 0 && u.file.size > max) { // the server would refuse it after reading it all
      done(finish(u, null, u.file.name + ': larger than the limit of ' + max + ' bytes'));
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    xhr.responseType = 'json';
    xhr.setRequestHeader('Accept', 'application/json');
    if (meta && meta.content) {
      xhr.setRequestHeader('X-CSRF-Token', meta.content);
    }
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        u.bar.max = e.total;
        u.bar.value = e.loaded;
        setState(u, 'uploading', 'uploading ' + Math.floor(100 * e.loaded / e.total) + '%');
      }
    });
    xhr.upload.addEventListener('load', function () {
      u.bar.value = u.bar.max;
      setState(u, 'extracting', 'extracting…');
    });
    xhr.addEventListener('load', function () {
      u.bar.value = u.bar.max;
      var res = xhr.response;
      if (xhr.status === 200 && Array.isArray(res) && res.length === 1) {
        done(finish(u, res[0]));
      } else {
        done(finish(u, null, failure(xhr)));
      }
    });
    xhr.addEventListener('error', function () {
      done(finish(u, null, 'the connection to the server failed'));
    });
    xhr.addEventListener('abort', function () {
      done(finish(u, null, 'the upload was cancelled'));
    });
    var body = new FormData();
    body.append('file', u.file, u.file.name);
    setState(u, 'uploading', 'uploading 0%');
    xhr.send(body);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (busy || !input.files || input.files.length === 0) {
      return;
    }
    busy = true;
    button.setAttribute('aria-disabled', 'true');
    var old = section.parentNode.querySelector('p.error[role=alert]');
    if (old) {
      old.remove(); // from an earlier submit without scripts
    }
    tbody.replaceChildren();
    section.hidden = false;
    var queue = Array.prototype.map.call(input.files, row);
    var total = queue.length;
    var finished = 0;
    var failed = 0;
    live.textContent = 'Uploading ' + total + (total === 1 ? ' file…' : ' files…');
    var next = function () {
      var u = queue.shift();
      if (!u) {
        return;
      }
      send(u, function (msg) {
        finished++;
        if (u.tr.getAttribute('data-state') === 'failed') {
          failed++;
        }
        if (finished < total) {
          live.textContent = finished + ' of ' + total + ' done; ' + msg;
          next();
          return;
        }
        live.textContent = 'All ' + total + (total === 1 ? ' file' : ' files') + ' done: ' +
          (total - failed) + ' stored, ' + failed + ' failed. ' + msg;
        form.reset();
        button.removeAttribute('aria-disabled');
        busy = false;
      });
    };
    for (var i = 0; i < parallel; i++) {
      next();
    }
  });
}());
