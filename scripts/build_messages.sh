#!/bin/sh
# The dashboard's message catalogs (warta.web.i18n), with Babel's pybabel; nothing is fetched.
#   scripts/build_messages.sh          re-extract locale/warta.pot, merge it into the .po files, compile the .mo files
#   scripts/build_messages.sh compile  only compile the .po files into the shipped .mo files
# Translate new messages in src/warta/web/locale/id/LC_MESSAGES/warta.po, then run `scripts/build_messages.sh compile`
# and commit the .po and the .mo; tests/web/test_i18n.py checks that the .mo is the compilation of the .po.
set -e
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-pybabel}"
LOCALE=src/warta/web/locale
if [ "$1" != "compile" ]; then
  "$PYBABEL" extract -F babel.cfg --no-location --sort-output --omit-header -k _ -k gettext -k ngettext:1,2 -k N_ \
    -o "$LOCALE/warta.pot" src/warta/web
  "$PYBABEL" update -D warta -i "$LOCALE/warta.pot" -d "$LOCALE" --no-fuzzy-matching --ignore-obsolete
fi
"$PYBABEL" compile -D warta -d "$LOCALE" --statistics
