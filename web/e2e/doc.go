// Package e2e tests the web app end to end in a real headless Chromium:
// the server is built in-process with web.New on a fresh SQLite store
// loaded with the demo data (as `harmlog demo` loads it), and each scenario
// (every menu page, dashboard, filters, incident page, review, upload,
// audit, infographic, and the same forms signed in as an analyst on a store
// with accounts) drives the pages in a fresh tab and fails on any console
// error, uncaught exception or Content-Security-Policy violation.
//
// The package has tests only. They skip, saying so, when no Chromium or
// Chrome binary is found (HARMLOG_CHROMIUM names one explicitly); .ci/run
// installs Debian's chromium so that CI always runs them.
package e2e
