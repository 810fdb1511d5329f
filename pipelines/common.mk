# The shared shape of every experiment: extract -> clip -> train -> reconstruct | score -> evaluate.
# Each pipelines/NAME.mk sets a few variables and calls $(eval $(call experiment,NAME)), directly or
# through its dataset's template in pipelines/datasets/.
#
#   NAME_TRAIN_FRAMES / NAME_TEST_FRAMES  commands that write frame records (to the file `-o` names,
#                      which the rule appends)
#   NAME_TRAIN_DATA / NAME_TEST_DATA  the dataset files and folders those commands read: a frame added,
#                      removed or replaced there redoes that extraction and what follows from it
#   NAME_LABELS        ground truth for evaluate (.m, .txt or a masks folder)
#   NAME_MODEL         model name for train
#   NAME_TRAIN_ARGS    extra train options (sizes, steps, learning rate)
#   NAME_STRIDES       training strides (default 1,2,3)
#   NAME_TEST_CLIPS    how test clips are cut (default --test: every sliding window)
#   NAME_SCORE_ARGS    measure and window mapping for score
#   NAME_EVAL_ARGS     normalisation for evaluate
#   NAME_SWEEP_MEASURES, NAME_SWEEP_MAPPINGS  when set, also score with options chosen on normal
#                      footage (below): the measures and window mappings to try
#   NAME_VALIDATION_FRAMES  a command writing normal frame records to stdout for that choice
#                      (default: the training frames); it reads NAME_TRAIN_DATA, if anything
#   NAME_INJECT_ARGS   inject-anomalies options (event period, duration, object size)
#   NAME_SIZE          frame size WxH (recorded in run.json; sets the patch side the sweep tries)
#   NAME_GOALS         other make goals that run this experiment (patterns: a group target, siblings)
#   NAME_MODEL_OF      another experiment with the same training clips and options, whose model
#                      this one reuses instead of training its own
#   NAME_INPUTS, NAME_FETCH  the dataset files and folders the experiment reads (labels included), and
#                      the fetch target that gets them: a missing one stops the run before it extracts
#                      or trains, not at evaluate after hours of training, and leaves the options
#                      files as they were, so that the next run with the right DATA= redoes nothing
#
# Stages are files, so a rerun does only what changed and `make -j` is safe. Each stage also depends on
# work/STAGE.opts, the options it runs with (below), so changing CPU=, QUICK=, DATA= or a pipeline's
# arguments redoes the stages they feed and nothing else. Results land in
# results/NAME/ (metrics.json, roc.csv/svg, curves/, run.json, loss.jsonl), or results/quick/NAME/
# for QUICK=1; bulky intermediates in work/ there, which git ignores.
#
# Scoring the paper's way is the default. Experiments that set NAME_SWEEP_MEASURES also get
# results/NAME/tuned/: pseudo-anomalies painted into normal frames (inject-anomalies) give a
# labelled validation set, every combination of measure, window mapping, patch pooling, smoothing and
# normalisation is tried on it (tuned/validation-sweep.tsv), and the best (tuned/choice.txt) scores the
# test set. No test label takes part in the choice.

# QUICK=0 and CPU=0 mean off, as no value does, for scripts that pass QUICK=$${QUICK:-0}. An
# override is not exported as the command line's value was, so they are exported again (run.json
# records the command from them).
override QUICK := $(filter-out 0,$(QUICK))
override CPU := $(filter-out 0,$(CPU))
export QUICK CPU
BIN ?= .build/release
# A smoke run writes apart, where it cannot replace a real run's figures or its trained model.
RESULTS ?= $(if $(QUICK),results/quick,results)
# One spelling of a folder: DATA=/x/, DATA=/x and a relative path to /x make the same options, so none
# redoes the stages another made. The spelling is the path relative to here, symbolic links kept as
# they are (the README's DATA=../shared/data stays as typed); run.json records DATA as typed.
DATA ?= data
data_given := $(filter command line environment,$(origin DATA))
# Make splits words at spaces, so a folder with one in its name cannot be a dataset path here; an
# empty DATA (a script's unset variable) would put fetched data under /.
# Checked only for goals that read data: `make build` or `make test` need none.
ifneq ($(filter-out setup deps shim build test bench clean,$(or $(MAKECMDGOALS),setup)),)
ifneq ($(words $(DATA)),1)
$(error DATA must name one folder, with no spaces in its path (got '$(DATA)'); link the folder from a path without spaces)
endif
endif
DATA_TYPED := $(patsubst %/,%,$(DATA))
override DATA := $(if $(DATA),$(shell realpath --no-symlinks --canonicalize-missing --relative-to=. -- '$(DATA)'))
$(if $(data_given),$(eval export DATA DATA_TYPED))
DEVICE ?= cpu
DEFAULT_STRIDES := 1,2,3
# On CPU, libtorch's OpenMP threads already parallelise around each BLAS call; letting Debian's
# OpenBLAS start its own thread per core as well oversubscribes the cores. Measured on the earlier
# CPU=1 convlstm-ae at 113x113 on 2 cores: 1.48 s a step with OpenBLAS threads, 0.70 s without.
ENGINE_ENV := $(if $(filter cpu,$(DEVICE)),env OPENBLAS_NUM_THREADS=1)
# THREADS=N caps the threads of train and reconstruct (libtorch's) and of frames-extract (decoding and
# resizing), so two experiments can share the cores (make -j2 THREADS=1).
ENGINE_ARGS := --device $(DEVICE) $(if $(THREADS),--threads $(THREADS))
FRAMES_EXTRACT := $(BIN)/frames-extract$(if $(THREADS), --threads $(THREADS))
# A stage's command as its options file records it: without where the programs live or how many
# threads they take.
command_options = $(subst $(BIN)/,,$(subst $(FRAMES_EXTRACT),frames-extract,$(1)))

# A stage's options file is written when missing, and rewritten while the makefile is read whenever the
# options changed (so `make -q` still answers); its date then tells make the stage is out of date.
# Only the experiments a command names (by name, by a file under results/NAME/, or by a group in
# NAME_GOALS) are rewritten: `make demo` must not undo what `make ped2-convstae CPU=1` ran with.
# Where the programs live ($(BIN)) and how they run (DEVICE, THREADS) are not options of a result.
pipeline_stages := train-frames test-frames train-clips test-clips train score evaluate validation sweep
# $(1) experiment: the files each stage's options file is a prerequisite of (the rules below).
stage_products_train-frames = $($(1)_WORK)/train-frames.vt
stage_products_test-frames = $($(1)_WORK)/test-frames.vt $(filter $($(1)_WORK)/%,$($(1)_LABELS))
stage_products_train-clips = $($(1)_WORK)/train-clips.vt
stage_products_test-clips = $($(1)_WORK)/test-clips.vt $($(1)_WORK)/validation-clips.vt
stage_products_train = $($(1)_WORK)/model.ckpt $($(1)_WORK)/model.ckpt.part
stage_products_score = $($(1)_DIR)/scores.csv
stage_products_evaluate = $($(1)_DIR)/metrics.json $($(1)_DIR)/tuned/metrics.json
stage_products_validation = $($(1)_WORK)/validation-frames.vt $($(1)_WORK)/validation-labels.txt
stage_products_sweep = $($(1)_DIR)/tuned/choice.txt

# $(1) experiment, $(2) stage
define options_file
$(RESULTS)/$(1)/work/$(2).opts:
	@mkdir -p $$(@D)
	@printf '%s\n' '$$(subst ','\'',$$(strip $$($(1)_OPTIONS_$(2))))' > $$@
endef
# $(1) options file, $(2) options, $(3) the files made with them. `make -n` and `make -q` leave the
# file as it is and only count the stage as out of date, so that a look at what `CPU=1` would do does
# not make it happen later. The file it replaces is kept, date and all, as FILE.before: asked for
# again before anything was made with the new options (a `make CPU=1` stopped at once, then the
# usual command), it comes back (under -n and -q too: that only undoes what made nothing), and with
# it a product the stage set aside as PRODUCT.before (a part-way training that a training with the
# new options started without), so that the stage's files are not redone or thrown away for options
# they were never made without. Replaced for good, it takes what was set aside with it.
refresh_options = $(if $(call options_changed,$(1),$(2)),\
  $(if $(and $(call options_changed_back,$(1),$(2)),$(call none_made_since,$(1),$(3))),\
    $(shell mv -f '$(1).before' '$(1)'$(foreach p,$(3),; [ -e '$(p)' ] || [ ! -e '$(p).before' ] || mv '$(p).before' '$(p)')),\
    $(if $(looking_only),$(eval $(1): FORCE),\
      $(shell cp -p '$(1)' '$(1).before'$(foreach p,$(3),; rm -f '$(p).before'))$(file >$(1),$(strip $(2))))))
# Both sides stripped: GNU make 4.3's $(file <) sometimes keeps the file's last newline.
options_changed = $(and $(wildcard $(1)),$(subst x$(strip $(file <$(1)))x,,x$(strip $(2))x))
options_changed_back = $(and $(wildcard $(1).before),$(if $(subst x$(strip $(file <$(1).before))x,,x$(strip $(2))x),,yes))
# The options file $(1) is newer than every one of the files $(2) (a file dated the same might have been
# made with it).
none_made_since = $(if $(strip $(foreach p,$(wildcard $(2)),$(shell [ '$(1)' -nt '$(p)' ] || echo made))),,yes)
looking_only := $(findstring n,$(firstword -$(MAKEFLAGS)))$(findstring q,$(firstword -$(MAKEFLAGS)))

# What the frames a stage reads are: the files given, and under the folders given every frame image
# and video file, each with its size and the time it last changed. What frames-extract never reads
# (Ingest's DatasetScanner: hidden entries, ground-truth folders, other kinds of file, such as a
# dataset's label file or notes) is left out, so that changing it redoes nothing.
# (IngestTests.testTheMakeLayerFingerprintsWhatTheScannerReads keeps the two lists in step.)
frame_extensions := png jpg jpeg tif tiff bmp pgm ppm pnm avi mp4 mkv mov mpg mpeg m4v webm
fingerprint = $(if $(1),$(firstword $(shell { find -L $(1) -maxdepth 0 -type f -printf '%p %s %T@\n'; \
  find -L $(1) -mindepth 1 \( -name '.*' -o -name '*_gt' -o -iname masks -o -iname mask -o -iname gt -o -iname ground_truth \) -prune \
    -o -type f \( -false $(patsubst %,-o -iname '*.%',$(frame_extensions)) \) -printf '%P %s %T@\n'; } 2>/dev/null \
  | LC_ALL=C sort | sha256sum)))

# A frames stage writes the fingerprint of what it reads to work/SPLIT-data.stamp (SPLIT train,
# test, or validation for a validation stage that draws its own frames from the training data) just
# before it reads it. One stamp for one stage: keep_if_same dates a stamp back once its stage's
# frames prove unchanged, which must not make another stage's frames look checked. While the
# makefile is read, the stamp is rewritten, like an options file, whenever the files changed, and
# that stage then counts as out of date (`make -n` then lists what follows it too: it cannot know
# the frames will come out the same). Stages made before there were stamps are taken to be of the
# files as they are now: their stamp is written dated 1970.
# $(1) experiment, $(2) split: the files its frames stage reads (NAME_TEST_DATA, else NAME_TRAIN_DATA).
split_data = $($(1)_$(if $(filter test,$(2)),TEST,TRAIN)_DATA)
stamped_splits = train test $(if $($(1)_VALIDATION_FRAMES),validation)
data_fingerprint = $(call fingerprint,$(call split_data,$(1),$(2)))
split_products = $($(1)_WORK)/$(2)-frames.vt
refresh_stamp = $(if $(call split_data,$(1),$(2)),\
  $(if $(wildcard $($(1)_WORK)/$(2)-data.stamp),$(call refresh_options,$($(1)_WORK)/$(2)-data.stamp,$(call data_fingerprint,$(1),$(2)),$(call split_products,$(1),$(2))),\
    $(if $(and $(wildcard $(call split_products,$(1),$(2))),$(if $(looking_only),,yes)),\
      $(file >$($(1)_WORK)/$(2)-data.stamp,$(call data_fingerprint,$(1),$(2)))$(shell touch -d @0 '$($(1)_WORK)/$(2)-data.stamp'))))
# The recipe line that writes the stamp, for experiments that name their data. A stamp that already
# says so keeps its date (refresh_stamp wrote it while the makefile was read; keep_if_same may date it
# back).
write_stamp = $(if $(call split_data,$(1),$(2)),@stamp='$(call data_fingerprint,$(1),$(2))'; \
  echo "$$stamp" | cmp -s - $($(1)_WORK)/$(2)-data.stamp || echo "$$stamp" > $($(1)_WORK)/$(2)-data.stamp)

# A frames stage whose records come out byte for byte as before keeps the file it had, date and all,
# so the stages that read it are not redone: GNU make looks at a target's date again after its
# recipe. A dataset copied anew in place (every file newly dated, so a new stamp) is read again, but
# its clips and the model trained on them, finished or part-way, stay. (Moved elsewhere, it gives
# frames that name another source, which are not the same. A labels file a test frames command writes
# beside its frames is written anew, so evaluations are redone: seconds.) The stage's stamp and
# options file are dated back to the frames' so that the next run does not read the data again.
# $(1) the frames file, written first to $(1).new; $(2) its prerequisites, of which only the stamp and
# options file are dated back.
keep_if_same = if cmp -s $(1).new $(1); then rm $(1).new; for prerequisite in $(filter %.stamp %.opts,$(2)); do \
  [ ! $$prerequisite -nt $(1) ] || touch -c -r $(1) $$prerequisite; done; else mv $(1).new $(1); fi

# The experiments a command names (above) that have their data at hand get their options files and
# stamps refreshed once every experiment is defined (settle_named_experiments, which the Makefile
# calls after the last). One whose training runs (train's lock on its checkpoint is held) is left as
# it is: refreshing its options or stamps, or remaking its clips, under the running training would
# let that training's model pass for the new configuration's. Named itself, it stops make before any
# experiment's files change; named only through a group, it is skipped and its siblings go on; under
# `make -n` or `-q` it is only looked at.
named_experiments :=
training_lock = $($(1)_WORK)/.model.ckpt.part.lock
is_training = $(if $(wildcard $(call training_lock,$(1))),$(if $(shell flock -n '$(call training_lock,$(1))' true 2>/dev/null || echo held),yes))
named_directly = $(filter $(1) $(RESULTS)/$(1)/%,$(MAKECMDGOALS))
settle_named_experiments = $(eval training_now := $(foreach e,$(named_experiments),$(if $(call is_training,$(e)),$(e))))\
  $(if $(looking_only),,$(foreach e,$(training_now),$(if $(call named_directly,$(e)),\
    $(error $(e) is training (process $(shell cat '$(call training_lock,$(e))' 2>/dev/null)); wait for it to finish or stop it))))\
  $(foreach e,$(filter-out $(training_now),$(named_experiments)),\
    $(foreach stage,$(pipeline_stages),$(call refresh_options,$($(e)_WORK)/$(stage).opts,$($(e)_OPTIONS_$(stage)),$(call stage_products_$(stage),$(e))))\
    $(foreach split,$(call stamped_splits,$(e)),$(call refresh_stamp,$(e),$(split))))

# $(1) experiment: its labels, and where they are a folder (pixel masks, Avenue's .mat files) what it
# holds, at any depth: a file corrected in place changes its own date, not its folder's. (Only a
# folder is searched: every make reads every experiment's rules.)
label_files = $(wildcard $($(1)_LABELS)) $(if $(wildcard $($(1)_LABELS)/.),$(shell find -L '$($(1)_LABELS)' -mindepth 1 2>/dev/null))

# $(1) experiment. check_inputs: a shell command that fails, naming the first missing input.
missing_inputs = $(strip $(foreach input,$($(1)_INPUTS),$(if $(wildcard $(input)),,$(input))))
# The missing path is named under DATA as typed.
check_inputs = $(if $(call missing_inputs,$(1)),echo "$(1): $(patsubst $(DATA)/%,$(DATA_TYPED)/%,$(firstword $(call missing_inputs,$(1)))) is missing: 'make $($(1)_FETCH)' fetches it or says where to put it; or set DATA= to where the datasets are" >&2; exit 1,:)

# The long stages, training and reconstructing the test clips, show their progress bars (on stderr,
# only when it is a terminal: never in cron's mail or a log), unless make runs jobs side by side,
# whose bars would overwrite one another on one line. Expanded as the recipe runs, when MAKEFLAGS
# holds -jN.
quiet_beside_others = $(if $(filter-out -j1,$(filter -j%,$(MAKEFLAGS))),--quiet)

define experiment
$(1)_DIR := $(RESULTS)/$(1)
$(1)_WORK := $(RESULTS)/$(1)/work
$(1)_OPTIONS_train-frames = $$(call command_options,$$($(1)_TRAIN_FRAMES))
$(1)_OPTIONS_test-frames = $$(call command_options,$$($(1)_TEST_FRAMES))
$(1)_OPTIONS_train-clips = $$(or $$($(1)_STRIDES),$$(DEFAULT_STRIDES))
$(1)_OPTIONS_test-clips = $$(or $$($(1)_TEST_CLIPS),--test)
$(1)_OPTIONS_train = $$($(1)_MODEL) $$($(1)_TRAIN_ARGS)
$(1)_OPTIONS_score = $$($(1)_SCORE_ARGS)
$(1)_OPTIONS_evaluate = $$($(1)_LABELS) $$($(1)_EVAL_ARGS)
$(1)_OPTIONS_validation = $$(call command_options,$$($(1)_VALIDATION_FRAMES)) $$($(1)_INJECT_ARGS)
$(1)_OPTIONS_sweep = $$($(1)_SWEEP_MEASURES) / $$($(1)_SWEEP_MAPPINGS) / $$($(1)_SIZE)
$$(foreach stage,$$(pipeline_stages),$$(eval $$(call options_file,$(1),$$(stage))))
$$(if $$(and $$(filter $(1) $(RESULTS)/$(1)/% $$($(1)_GOALS),$$(MAKECMDGOALS)),$$(if $$(call missing_inputs,$(1)),,yes)),$$(eval named_experiments += $(1)))

.PHONY: $(1)
# Inputs are checked here too: with them missing the options files are not refreshed, so stages made
# under another configuration would look up to date and their figures pass for this one's.
$(1): $$($(1)_DIR)/metrics.json $$(if $$($(1)_SWEEP_MEASURES),$$($(1)_DIR)/tuned/metrics.json)
	@$$(call check_inputs,$(1))
	@python3 pipelines/figures.py $(1) $$^

# The rule for a stamp only runs under `make -n` or `-q`, which leave it as it is (refresh_stamp).
$$(foreach split,train test validation,$$($(1)_WORK)/$$(split)-data.stamp): $$($(1)_WORK)/%-data.stamp:
	$$(call write_stamp,$(1),$$*)

$$($(1)_WORK)/train-frames.vt: $$($(1)_WORK)/train-frames.opts $$(wildcard $$($(1)_WORK)/train-data.stamp)
	@$$(call check_inputs,$(1))
	$$(call write_stamp,$(1),train)
	$$($(1)_TRAIN_FRAMES) -o $$@.new
	@$$(call keep_if_same,$$@,$$^)

$$($(1)_WORK)/test-frames.vt: $$($(1)_WORK)/test-frames.opts $$(wildcard $$($(1)_WORK)/test-data.stamp)
	@$$(call check_inputs,$(1))
	$$(call write_stamp,$(1),test)
	$$($(1)_TEST_FRAMES) -o $$@.new
	@$$(call keep_if_same,$$@,$$^)

$$($(1)_WORK)/train-clips.vt: $$($(1)_WORK)/train-frames.vt $$($(1)_WORK)/train-clips.opts
	$(BIN)/augment-strides --quiet --strides $$($(1)_OPTIONS_train-clips) $$< -o $$@

$$($(1)_WORK)/test-clips.vt: $$($(1)_WORK)/test-frames.vt $$($(1)_WORK)/test-clips.opts
	$(BIN)/augment-strides --quiet $$($(1)_OPTIONS_test-clips) $$< -o $$@

# The clips a model is evaluated on. A training waits for them (order only: new ones do not retrain),
# so that a test set that cannot be read stops the run before hours of training, not after.
$(1)_EVALUATION_CLIPS = $$($(1)_WORK)/test-clips.vt $$(if $$($(1)_SWEEP_MEASURES),$$($(1)_WORK)/validation-clips.vt)

ifeq ($$($(1)_MODEL_OF),)
# Training writes model.ckpt.part and only a finished run becomes model.ckpt, so an interrupted `make`
# resumes the part where it stopped; a part older than the clips is dropped first, one older than
# the options set aside (model.ckpt.part.before, which comes back with its options: refresh_options).
# (train-time.json times the last stretch.) /usr/bin/time dies of the SIGTERM make passes on without
# passing it to train, so train runs in the background, writing its process id first (exec keeps
# it), and this shell passes Ctrl-C, TERM and HUP on to it as TERM (a
# background job ignores Ctrl-C): stopping make stops the training, and the next `make` resumes it
# rather than starting a second. The process id and the time go to files named for this shell, so
# that a second `make` started at the same moment, which train's lock refuses, touches neither of
# the first's; the time replaces train-time.json only when the training ends well.
$$($(1)_WORK)/model.ckpt: $$($(1)_WORK)/train-clips.vt $$($(1)_WORK)/train.opts | $$($(1)_EVALUATION_CLIPS)
	@$$(call check_inputs,$(1))
	@if [ -e $$@.part ] && [ ! $$@.part -nt $$< ]; then rm -f $$@.part; \
	elif [ -e $$@.part ] && [ ! $$@.part -nt $$($(1)_WORK)/train.opts ]; then mv -f $$@.part $$@.part.before; fi
	pid_file=$$($(1)_WORK)/train.pid.$$$$$$$$; time_file=$$($(1)_WORK)/train-time.json.$$$$$$$$; \
	/usr/bin/time -o $$$$time_file -f '{"wall_s": %e, "user_s": %U, "sys_s": %S, "max_rss_kib": %M}' \
	  sh -c 'echo $$$$$$$$ > "$$$$0"; exec "$$$$@"' $$$$pid_file \
	  $(ENGINE_ENV) $(BIN)/train $$(quiet_beside_others) --resume $(ENGINE_ARGS) --model $$($(1)_MODEL) $$($(1)_TRAIN_ARGS) --log $$($(1)_WORK)/loss.jsonl -o $$@.part $$< & \
	timed=$$$$!; stop="kill -TERM \$$$$(cat $$$$pid_file) 2>/dev/null; wait $$$$timed; rm -f $$$$pid_file $$$$time_file"; \
	trap "$$$$stop; exit 130" INT; trap "$$$$stop; exit 143" TERM HUP; wait $$$$timed; status=$$$$?; rm -f $$$$pid_file; \
	if [ $$$$status = 0 ]; then mv $$$$time_file $$($(1)_WORK)/train-time.json; else rm -f $$$$time_file; fi; exit $$$$status
	mv $$@.part $$@ && rm -f $$@.part.before
else
# Trained on the same clips with the same options as $$($(1)_MODEL_OF): one model serves both, and
# its training waits for this experiment's clips too.
$(RESULTS)/$$($(1)_MODEL_OF)/work/model.ckpt: | $$($(1)_EVALUATION_CLIPS)
$$($(1)_WORK)/model.ckpt: $(RESULTS)/$$($(1)_MODEL_OF)/work/model.ckpt
	@mkdir -p $$(@D)
	cp $(RESULTS)/$$($(1)_MODEL_OF)/work/loss.jsonl $(RESULTS)/$$($(1)_MODEL_OF)/work/train-time.json $$(@D)/
	cp $$< $$@.tmp && mv $$@.tmp $$@
endif

$$($(1)_DIR)/scores.csv: $$($(1)_WORK)/model.ckpt $$($(1)_WORK)/test-clips.vt $$($(1)_WORK)/score.opts
	$(ENGINE_ENV) $(BIN)/reconstruct $$(quiet_beside_others) $(ENGINE_ARGS) -m $$< $$($(1)_WORK)/test-clips.vt | $(BIN)/score $$($(1)_SCORE_ARGS) -o $$@

# The curves go to a fresh folder that then replaces the old one, so no curve of a video an earlier
# run scored is left among this run's.
# The labels are an input like the scores: a corrected label file redoes the evaluation. (Where a
# pipeline makes them, as Moving MNIST's do, they exist by the time this is read again.)
$$($(1)_DIR)/metrics.json: $$($(1)_DIR)/scores.csv $$($(1)_WORK)/evaluate.opts $$(call label_files,$(1))
	rm -rf $$($(1)_DIR)/curves.tmp
	$(BIN)/evaluate --scores $$< --labels $$($(1)_LABELS) $$($(1)_EVAL_ARGS) --roc $$($(1)_DIR)/roc --curves $$($(1)_DIR)/curves.tmp > $$@.tmp
	pipelines/record-run.sh $(1) $$($(1)_WORK) "$$($(1)_MODEL) $$($(1)_TRAIN_ARGS)" $$($(1)_SIZE) > $$($(1)_DIR)/run.json.tmp
	cp $$($(1)_WORK)/loss.jsonl $$($(1)_DIR)/loss.jsonl.tmp
	mv $$($(1)_DIR)/run.json.tmp $$($(1)_DIR)/run.json && mv $$($(1)_DIR)/loss.jsonl.tmp $$($(1)_DIR)/loss.jsonl
	rm -rf $$($(1)_DIR)/curves && mv $$($(1)_DIR)/curves.tmp $$($(1)_DIR)/curves
	mv $$@.tmp $$@

$$($(1)_WORK)/validation-frames.vt: $$(if $$($(1)_VALIDATION_FRAMES),$$(wildcard $$($(1)_WORK)/validation-data.stamp),$$($(1)_WORK)/train-frames.vt) $$($(1)_WORK)/validation.opts
	@mkdir -p $$(@D)
	$$(if $$($(1)_VALIDATION_FRAMES),$$(call write_stamp,$(1),validation))
	$$(or $$($(1)_VALIDATION_FRAMES),cat $$($(1)_WORK)/train-frames.vt) \
	  | $(BIN)/inject-anomalies $$($(1)_INJECT_ARGS) --labels $$($(1)_WORK)/validation-labels.txt -o $$@.new
	@$$(call keep_if_same,$$@,$$^)

$$($(1)_WORK)/validation-clips.vt: $$($(1)_WORK)/validation-frames.vt $$($(1)_WORK)/test-clips.opts
	$(BIN)/augment-strides --quiet $$($(1)_OPTIONS_test-clips) $$< -o $$@

$$($(1)_DIR)/tuned/choice.txt: $$($(1)_WORK)/model.ckpt $$($(1)_WORK)/validation-clips.vt $$($(1)_WORK)/sweep.opts
	@mkdir -p $$(@D)
	$(ENGINE_ENV) $(BIN)/reconstruct --quiet $(ENGINE_ARGS) -m $$< $$($(1)_WORK)/validation-clips.vt -o $$($(1)_WORK)/validation-recon.vt
	pipelines/sweep-scoring.sh $(BIN) $$($(1)_WORK)/validation-recon.vt $$($(1)_WORK)/validation-labels.txt $$(@D)/validation-sweep.tsv $$@ \
	  "$$($(1)_SWEEP_MEASURES)" "$$($(1)_SWEEP_MAPPINGS)" $$($(1)_SIZE)
	rm -f $$($(1)_WORK)/validation-recon.vt

$$($(1)_DIR)/tuned/scores.csv: $$($(1)_DIR)/tuned/choice.txt $$($(1)_WORK)/model.ckpt $$($(1)_WORK)/test-clips.vt
	$(ENGINE_ENV) pipelines/score-with-choice.sh score $(BIN) $$($(1)_WORK)/model.ckpt $$($(1)_WORK)/test-clips.vt $$< $$@ "$(ENGINE_ARGS)"

$$($(1)_DIR)/tuned/metrics.json: $$($(1)_DIR)/tuned/scores.csv $$($(1)_DIR)/tuned/choice.txt $$($(1)_WORK)/evaluate.opts $$(call label_files,$(1))
	pipelines/score-with-choice.sh evaluate $(BIN) $$< $$($(1)_DIR)/tuned/choice.txt $$($(1)_LABELS) $$(@D)
endef
