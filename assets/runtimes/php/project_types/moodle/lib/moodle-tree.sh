# shellcheck shell=bash
# moodle-tree.sh - what makes a project's tree a Moodle tree, and where its
# web root is (sourced by the moodle type's scripts after
# project-type-lib.sh).
# It reads project-type-lib.sh's pt_* globals and sets its own results:
# shellcheck disable=SC2034,SC2154

# moodle_tree: moodle_docroot, the tree's public/ when public/version.php
# is there (Moodle 5.1 and later), else the tree itself (version.php at its
# top); neither: exit 3
moodle_tree() {
	if [ -f "$pt_tree/public/version.php" ]; then
		moodle_docroot=$pt_tree/public
	elif [ -f "$pt_tree/version.php" ]; then
		moodle_docroot=$pt_tree
	else
		pt_die 3 "not a Moodle tree: $pt_tree has no version.php (clone Moodle into it, or use --type=plain)"
	fi
}
