# shellcheck shell=bash
# moodle-tree.sh - what makes a project's tree a Moodle tree, where its web
# root and its CLI scripts are, and its data directories (sourced by the
# moodle type's scripts after project-type-lib.sh, and by its tools through
# lib/moodle-tools.sh).
# It sets its own results (moodle_*); moodle_tree reads project-type-lib.sh's
# pt_* globals:
# shellcheck disable=SC2034,SC2154

# the data directories under /srv/data/<p>/ (mode 02777: Moodle's
# directorypermissions), made by configure, emptied by mdl-data-purge
moodle_dataroots=(dataroot dataroot_behat dataroot_phpunit)

# moodle_docroot_of TREE: moodle_docroot, TREE/public when
# public/version.php is there (Moodle 5.1 and later), else TREE (version.php
# at its top); 1 when TREE is neither
moodle_docroot_of() {
	if [ -f "$1/public/version.php" ]; then
		moodle_docroot=$1/public
	elif [ -f "$1/version.php" ]; then
		moodle_docroot=$1
	else
		return 1
	fi
}

# moodle_script TREE REL: moodle_script_path, Moodle's script REL
# (admin/cli/upgrade.php) at TREE's top when it is there, else under
# TREE/public/ (5.1 moved the web files there; admin/cli/ stayed at the
# top); 1 when neither has it
moodle_script() {
	if [ -f "$1/$2" ]; then
		moodle_script_path=$1/$2
	elif [ -f "$1/public/$2" ]; then
		moodle_script_path=$1/public/$2
	else
		return 1
	fi
}

# moodle_make_dataroots DATA: each of moodle_dataroots under DATA, mode
# 02777; 1 with moodle_failed_dir set when one cannot be made
moodle_make_dataroots() {
	local d
	for d in "${moodle_dataroots[@]}"; do
		moodle_failed_dir=$1/$d
		if ! { mkdir -p "$1/$d" && chmod 02777 "$1/$d"; }; then
			return 1
		fi
	done
	moodle_failed_dir=
}

# moodle_tree: moodle_docroot for the project's tree ($pt_tree); not a
# Moodle tree: exit 3
moodle_tree() {
	moodle_docroot_of "$pt_tree" ||
		pt_die 3 "not a Moodle tree: $pt_tree has no version.php (clone Moodle into it, or use --type=plain)"
}
