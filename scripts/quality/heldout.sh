#!/usr/bin/env bash
# The held-out set of issue #23: 15 manuals, guides and papers from Debian's documentation packages that no rule
# was written for (none of ../shared/corpus, ../shared/anchors or the fleet benchmark's ten manuals), fetched by
# package name into a folder outside the repository. Rules are never tuned on their output; `npm run eval:quality
# -- DIR/*.pdf` reports on them beside the corpus.
#
#   bash scripts/quality/heldout.sh [DIR]     # default: ${PROFAI_CACHE_DIR:-~/.cache/profai}/heldout
#
# Needs apt's package lists (`apt-get update` once) and dpkg-deb; installs nothing. Idempotent.
set -euo pipefail
dir=${1:-${PROFAI_CACHE_DIR:-$HOME/.cache/profai}/heldout}

# <package> <path in the package (.pdf or .pdf.gz)> <name in DIR>
SET='
r-doc-pdf               usr/share/R/doc/manual/R-intro.pdf                      r-intro.pdf
r-doc-pdf               usr/share/R/doc/manual/R-data.pdf                       r-data.pdf
glpk-doc                usr/share/doc/glpk-doc/gmpl.pdf                         glpk-gmpl.pdf
glpk-doc                usr/share/doc/glpk-doc/graphs.pdf                       glpk-graphs.pdf
gnuplot-doc             usr/share/doc/gnuplot/gnuplot.pdf                       gnuplot.pdf
gprolog-doc             usr/share/doc/gprolog-doc/gprolog.pdf                   gprolog.pdf
maint-guide             usr/share/doc/maint-guide/maint-guide.en.pdf            maint-guide.pdf
developers-reference    usr/share/developers-reference/developers-reference.pdf developers-reference.pdf
mpich-doc               usr/share/doc/mpich/user.pdf.gz                         mpich-user.pdf
mpich-doc               usr/share/doc/mpich/install.pdf.gz                      mpich-install.pdf
dblatex-doc             usr/share/doc/dblatex/manual.pdf.gz                     dblatex-manual.pdf
asymptote-doc           usr/share/doc/asymptote/asy-latex.pdf                   asy-latex.pdf
ghostscript-doc         usr/share/doc/ghostscript/GS9_Color_Management.pdf      gs-color-management.pdf
texlive-latex-base-doc  usr/share/doc/texlive-doc/latex/base/clsguide.pdf       latex-clsguide.pdf
texlive-latex-base-doc  usr/share/doc/texlive-doc/latex/amsmath/amsldoc.pdf     amsmath-guide.pdf
'

. "$(dirname "$0")/fetch-set.sh"
fetch_set "$dir" "$SET"
