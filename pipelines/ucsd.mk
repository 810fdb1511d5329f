# UCSD Ped1 and Ped2 with the ConvLSTM autoencoders (Chong & Tay's tutorial model `stae`,
# Nayak et al.'s `convstae`, Luo et al.'s `convlstm-ae`).
#
# Data: the dataset as distributed (data/UCSD_Anomaly_Dataset.v1p2/UCSDpedN/{Train,Test}, TIFF
# frames; `make fetch-ped1` / `fetch-ped2`) or the frames/NN layout (DATA/ucsd-ped2/{training,testing}).
# Default: the papers' configuration, for a GPU. CPU=1: a configuration 2 cores train in under two
# hours (lower resolution, half or all of the channels, fewer steps). QUICK=1: a smoke run.
# CPU=1 steps: 12000 for `convstae` at the paper's width and `stae` at half width, 5000 for
# `convlstm-ae` at half width, all on both cores, fit two hours (docs/models.md); at 3000 steps the
# losses were still falling when the cosine schedule ran out. `convstae` got its full width once a
# step took 0.47 s there (0.19 s at half width) after the transposed-convolution and denormal fixes;
# `convlstm-ae` went from a quarter to half width when its loss levelled off (about 705 from step
# 7000 of 10000) and a half-width step measured 0.73 s. It then levelled off again (685 from step
# 6000) under the paper's AdaGrad, whose steps shrink as its squared gradients pile up; Adam at
# 1e-3, as the other CPU configurations train, averaged 679 over steps 501-550 (docs/models.md).
# It trained 8000 steps until a machine with AVX2 only took 1.4 s a step (3.1 hours); 5000 fit two.
# `convlstm-ae` centres its input on the training clips' mean frame, as the authors' net does.

# Where nothing is found, each names a place to put it, for the missing-input message.
UCSD_ROOT ?= $(DATA)/UCSD_Anomaly_Dataset.v1p2
ucsd_dir = $(or $(firstword $(wildcard $(DATA)/ucsd-$(1) $(UCSD_ROOT)/UCSD$(1))),$(UCSD_ROOT)/UCSD$(1))
ucsd_split = $(or $(firstword $(wildcard $(call ucsd_dir,$(1))/$(2)/frames $(call ucsd_dir,$(1))/$(3))),$(call ucsd_dir,$(1))/$(3))
ucsd_labels = $(or $(firstword $(wildcard $(DATA)/labels/UCSD$(1).m data/labels/UCSD$(1).m $(call ucsd_dir,$(1))/Test/UCSD$(1).m $(UCSD_ROOT)/UCSD$(1)/Test/UCSD$(1).m)),$(DATA)/labels/UCSD$(1).m)

# $(1) experiment, $(2) ped1|ped2, $(3) model, $(4) paper size, $(5) paper train args, $(6) CPU train args,
# $(7) score args, $(8) evaluate args, $(9) test clip args
# CPU=1 frames: half of Ped2's 360x240, the aspect kept. Ped2's anomalies are single cyclists and carts
# among twenty-odd walkers; squeezed to 128x128 a cyclist is about 3 pixels wide and the frame's error
# is the crowd's, not the cyclist's. (Earlier square sizes and what they scored: docs/models.md.)
ucsd_cpu_size = 180x120

define ucsd_experiment
$(1)_SIZE = $(if $(or $(CPU),$(QUICK)),$(ucsd_cpu_size),$(4))
$(1)_FRAMES = $(BIN)/frames-extract --quiet --gray --size $$($(1)_SIZE) $(if $(QUICK),--max-frames 40)
$(1)_TRAIN_DIR = $$(call ucsd_split,$(2),training,Train)
$(1)_TEST_DIR = $$(call ucsd_split,$(2),testing,Test)
$(1)_TRAIN_FRAMES = $$($(1)_FRAMES) $$($(1)_TRAIN_DIR)
$(1)_TEST_FRAMES = $$($(1)_FRAMES) $$($(1)_TEST_DIR)
$(1)_LABELS = $$(call ucsd_labels,$(2))
$(1)_INPUTS = $$($(1)_TRAIN_DIR) $$($(1)_TEST_DIR) $$($(1)_LABELS)
$(1)_FETCH = fetch-$(2)
$(1)_MODEL = $(3)
$(1)_TRAIN_ARGS = $(if $(QUICK),--width-mult 0.125 --max-steps 10,$(if $(CPU),$(6),$(5)))
$(1)_SCORE_ARGS = $(7)
$(1)_EVAL_ARGS = $(8)
$(1)_TEST_CLIPS = $(9)
$(1)_SWEEP_MEASURES = $(if $(filter convlstm-ae,$(3)),luo-l2 sse psnr,sse psnr)
$(1)_SWEEP_MAPPINGS = $(if $(filter convlstm-ae,$(3)),second-half mean,window-start mean)
$$(eval $$(call experiment,$(1)))
endef

$(eval $(call ucsd_experiment,ped1-convlstm,ped1,stae,256x256,--epochs 50,--width-mult 0.5 --max-steps 12000 --schedule cosine --lr 1e-3,--measure sse --mapping window-start,--column abnormality_tutorial --normalize none,--test))
$(eval $(call ucsd_experiment,ped2-convlstm,ped2,stae,256x256,--epochs 50,--width-mult 0.5 --max-steps 12000 --schedule cosine --lr 1e-3,--measure sse --mapping window-start,--column abnormality_tutorial --normalize none,--test))
$(eval $(call ucsd_experiment,ped1-convstae,ped1,convstae,256x256,--epochs 50,--max-steps 12000 --schedule cosine --lr 1e-3,--measure sse --mapping window-start,--column abnormality_tutorial --normalize none,--test))
$(eval $(call ucsd_experiment,ped2-convstae,ped2,convstae,256x256,--epochs 50,--max-steps 12000 --schedule cosine --lr 1e-3,--measure sse --mapping window-start,--column abnormality_tutorial --normalize none,--test))
# convlstm-ae tests as the authors' test.py does: windows of 10 from a zero state, 5 apart, each scoring
# its last 5 frames, by the root of eq. 3 (docs/models.md, Test windows).
$(eval $(call ucsd_experiment,ped1-convlstm-ae,ped1,convlstm-ae,225x225,--epochs 20 --subtract-mean,--width-mult 0.5 --max-steps 5000 --schedule cosine --optimizer adam --lr 1e-3 --subtract-mean,--measure luo-l2 --mapping second-half,--normalize per-video,--strides 1 --step 5))
$(eval $(call ucsd_experiment,ped2-convlstm-ae,ped2,convlstm-ae,225x225,--epochs 20 --subtract-mean,--width-mult 0.5 --max-steps 5000 --schedule cosine --optimizer adam --lr 1e-3 --subtract-mean,--measure luo-l2 --mapping second-half,--normalize per-video,--strides 1 --step 5))
