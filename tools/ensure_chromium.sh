#!/usr/bin/env bash
# Make sure Debian's chromium is available for tests/test_browser.py.
# Always exits 0: the browser test itself decides whether a missing browser
# means "skip" (local runs) or "fail" (CI=true). When the install fails, it
# prints the last lines apt-get wrote, so the cause is in the log.
set -u

if [ -n "${RNN_BOOK_CHROMIUM:-}" ]; then
    if [ -x "$RNN_BOOK_CHROMIUM" ]; then
        echo "ensure_chromium: using RNN_BOOK_CHROMIUM=$RNN_BOOK_CHROMIUM"
    else
        echo "ensure_chromium: RNN_BOOK_CHROMIUM=$RNN_BOOK_CHROMIUM is not an executable file"
    fi
    exit 0
fi

if command -v chromium >/dev/null 2>&1; then
    echo "ensure_chromium: chromium found at $(command -v chromium)"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure_chromium: chromium not found and not root; skipping install (try: sudo apt-get install chromium)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: chromium not found and apt-get unavailable; skipping install"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if apt-get update -qq >"$log" 2>&1 \
    && apt-get install -y -qq --no-install-recommends chromium >>"$log" 2>&1 \
    && command -v chromium >/dev/null 2>&1; then
    echo "ensure_chromium: installed chromium via apt-get ($(command -v chromium))"
else
    echo "ensure_chromium: apt-get install chromium failed; browser tests will skip (or fail under CI=true). apt-get said:"
    tail -n 20 "$log" | sed 's/^/    /'
fi
rm -f "$log"
exit 0
