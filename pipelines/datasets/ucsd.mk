# UCSD Ped1 and Ped2: where their frames and labels are, and what every UCSD experiment
# (pipelines/pedN-*.mk) shares.
#
# Data: the dataset as distributed (DATA/UCSD_Anomaly_Dataset.v1p2/UCSDpedN/{Train,Test}, TIFF
# frames; `make fetch-ped1` / `fetch-ped2`) or the frames/NN layout Liu et al. and MNAD distribute
# (DATA/ucsd-pedN or DATA/pedN, {training,testing}/frames/NN). Labels: UCSD's UCSDpedN.m (in
# DATA/labels, data/labels or the dataset's Test/), else one line per video in
# DATA/labels/pedN-frame-labels.txt.
# Default: the paper's configuration, for a GPU. CPU=1: a configuration 2 cores train in about two
# hours (lower resolution, half or all of the channels, fewer steps). QUICK=1: a smoke run.

# The first layout that holds both splits, so that a stray folder of a generic name (DATA/ped2 holding
# only test frames) does not hide the archive beside it; else the first that holds one, whose missing
# split the missing-input message then names in that layout's spelling; else the archive.
UCSD_ROOT ?= $(DATA)/UCSD_Anomaly_Dataset.v1p2
ucsd_layouts = $(DATA)/ucsd-$(1) $(DATA)/$(1) $(UCSD_ROOT)/UCSD$(1)
ucsd_holds_training = $(wildcard $(1)/training/frames $(1)/Train)
ucsd_holds_test = $(wildcard $(1)/testing/frames $(1)/Test)
ucsd_first = $(firstword $(foreach layout,$(ucsd_layouts),$(if $(call $(2),$(layout)),$(layout))))
ucsd_holds_both = $(and $(call ucsd_holds_training,$(1)),$(call ucsd_holds_test,$(1)))
ucsd_holds_either = $(or $(call ucsd_holds_training,$(1)),$(call ucsd_holds_test,$(1)))
ucsd_dir = $(or $(call ucsd_first,$(1),ucsd_holds_both),$(call ucsd_first,$(1),ucsd_holds_either),$(UCSD_ROOT)/UCSD$(1))
# $(1) dataset, $(2) the split in the frames/NN layout (training), $(3) in the archive's (Train).
ucsd_split = $(call ucsd_split_in,$(call ucsd_dir,$(1)),$(2),$(3))
ucsd_split_in = $(or $(firstword $(wildcard $(1)/$(2)/frames $(1)/$(3))),$(if $(wildcard $(1)/training $(1)/testing),$(1)/$(2)/frames,$(1)/$(3)))
ucsd_labels = $(or $(firstword $(wildcard $(DATA)/labels/UCSD$(1).m data/labels/UCSD$(1).m $(call ucsd_dir,$(1))/Test/UCSD$(1).m $(UCSD_ROOT)/UCSD$(1)/Test/UCSD$(1).m $(DATA)/labels/$(1)-frame-labels.txt)),$(DATA)/labels/UCSD$(1).m)

# CPU=1 frames: half of Ped2's 360x240, the aspect kept. Ped2's anomalies are single cyclists and carts
# among twenty-odd walkers; squeezed to 128x128 a cyclist is about 3 pixels wide and the frame's error
# is the crowd's, not the cyclist's. (Earlier square sizes and what they scored: docs/models.md.)
ucsd_cpu_size = 180x120

# UCSD's archive (v1p2) ships a truncated test frame, UCSDped1/Test/Test017/142.tif, which no decoder
# reads. Test frames that cannot be read are skipped with a warning naming each (--skip-bad): a
# skipped frame keeps its number, so the labels stay aligned; windows run across it and it goes
# unscored. A training frame that cannot be read still stops the run, at its first stage: the
# pseudo-anomalies painted into the training frames (tuned/) need every frame of a video.

# An experiment's file adds NAME to UCSD_EXPERIMENTS, sets NAME_DATASET (ped1 or ped2) and either these
# settings or NAME_LIKE, another UCSD experiment whose settings it takes:
#   NAME_MODEL, NAME_PAPER_SIZE and NAME_PAPER_ARGS (frames and train options of the paper's
#   configuration), NAME_CPU_ARGS (train options for CPU=1), NAME_SCORE_ARGS, NAME_EVAL_ARGS and
#   NAME_TEST_CLIPS (pipelines/common.mk).
# The Makefile makes them into experiments once every file is read, so a file may name one read later.
ucsd_settings = MODEL PAPER_SIZE PAPER_ARGS CPU_ARGS SCORE_ARGS EVAL_ARGS TEST_CLIPS

# $(1) model. The sweep tries each paper's own measure beside SSE and PSNR: Luo's root of eq. 3, Nayak's
# pixel-l2, the tutorial's window l2 (the root of the window's SSE, which ranks each video's frames
# as SSE does, but not the frames of all videos once each is scaled as the tutorial scales it).
sweep_measures = $(or $(if $(filter convlstm-ae,$(1)),luo-l2),$(if $(filter convstae,$(1)),pixel-l2),$(if $(filter stae,$(1)),l2)) sse psnr

define ucsd_experiment
$(if $($(1)_LIKE),$(foreach setting,$(ucsd_settings),$(eval $(1)_$(setting) = $$($($(1)_LIKE)_$(setting)))))
$(1)_SIZE = $(if $(or $(CPU),$(QUICK)),$(ucsd_cpu_size),$$($(1)_PAPER_SIZE))
$(1)_FRAMES = $(FRAMES_EXTRACT) --quiet --gray --size $$($(1)_SIZE) $(if $(QUICK),--max-frames 40)
$(1)_TRAIN_DIR = $$(call ucsd_split,$$($(1)_DATASET),training,Train)
$(1)_TEST_DIR = $$(call ucsd_split,$$($(1)_DATASET),testing,Test)
$(1)_TRAIN_FRAMES = $$($(1)_FRAMES) $$($(1)_TRAIN_DIR)
$(1)_TEST_FRAMES = $$($(1)_FRAMES) --skip-bad $$($(1)_TEST_DIR)
$(1)_TRAIN_DATA = $$($(1)_TRAIN_DIR)
$(1)_TEST_DATA = $$($(1)_TEST_DIR)
$(1)_LABELS = $$(call ucsd_labels,$$($(1)_DATASET))
$(1)_INPUTS = $$($(1)_TRAIN_DIR) $$($(1)_TEST_DIR) $$($(1)_LABELS)
$(1)_FETCH = fetch-$$($(1)_DATASET)
$(1)_TRAIN_ARGS = $(if $(QUICK),--width-mult 0.125 --max-steps 10,$(if $(CPU),$$($(1)_CPU_ARGS),$$($(1)_PAPER_ARGS)))
$(1)_SWEEP_MEASURES = $$(strip $$(call sweep_measures,$$($(1)_MODEL)))
$(1)_SWEEP_MAPPINGS = $$(if $$(filter convlstm-ae,$$($(1)_MODEL)),second-half mean,window-start mean)
$$(eval $$(call experiment,$(1)))
endef
