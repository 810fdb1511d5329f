# avenue-convlstm-ae: Luo et al.'s ConvLSTM-AE on CUHK Avenue, MPEG-4 .avi videos read through ffmpeg.
# Data: DATA/avenue/{training_videos,testing_videos}/NN.avi (`make fetch-avenue`), or the frames Liu
# et al. distribute (DATA/avenue/{training,testing}/frames/NN/NNNN.jpg). Labels: the dataset's own
# pixel masks, DATA/avenue/testing_label_mask/N_label.mat (`make fetch-avenue` copies them from the
# archive's ground_truth_demo/), else Liu et al.'s DATA/labels/avenue-frame-labels.txt.
#
# CPU=1 trains what ped2-convlstm-ae's CPU=1 trains (half width, 5000 steps of Adam at 1e-3 on input
# centred on the training mean frame; pipelines/ped2-convlstm-ae.mk says why), on frames at 0.3 of
# Avenue's 640x360, the aspect kept as Ped2's 180x120 keeps it: squeezed square, a walker's stride and
# a thrown bag lose their shape. At 192x108 a step took 1.1 s on both cores of an Intel Xeon with AVX-512 (180x120 there:
# 1.37 s), so 5000 fit about two hours.

AVENUE ?= $(DATA)/avenue
avenue-convlstm-ae_SIZE = $(if $(or $(CPU),$(QUICK)),192x108,225x225)
avenue-convlstm-ae_FRAMES = $(FRAMES_EXTRACT) --quiet --gray --size $(avenue-convlstm-ae_SIZE) $(if $(QUICK),--max-frames 40)
avenue_split = $(or $(firstword $(wildcard $(AVENUE)/$(1)_videos $(AVENUE)/$(1)/frames)),$(AVENUE)/$(1)_videos)
avenue_training = $(call avenue_split,training)
avenue_testing = $(call avenue_split,testing)
avenue-convlstm-ae_TRAIN_FRAMES = $(avenue-convlstm-ae_FRAMES) $(avenue_training)
avenue-convlstm-ae_TEST_FRAMES = $(avenue-convlstm-ae_FRAMES) $(avenue_testing)
avenue-convlstm-ae_TRAIN_DATA = $(avenue_training)
avenue-convlstm-ae_TEST_DATA = $(avenue_testing)
# A masks folder counts once it holds a mask; with no labels at all the one missing is named after the
# layout: the masks that fetch-avenue brings with the videos, or Liu et al.'s labels beside their frames.
avenue_masks = $(AVENUE)/testing_label_mask
avenue_liu_labels = $(DATA)/labels/avenue-frame-labels.txt
avenue-convlstm-ae_LABELS = $(or $(if $(wildcard $(avenue_masks)/*_label.mat),$(avenue_masks)),$(firstword $(wildcard $(avenue_liu_labels) data/labels/avenue-frame-labels.txt)),$(if $(wildcard $(AVENUE)/training/frames),$(avenue_liu_labels),$(avenue_masks)))
avenue-convlstm-ae_INPUTS = $(avenue_training) $(avenue_testing) $(avenue-convlstm-ae_LABELS)
avenue-convlstm-ae_FETCH = fetch-avenue
avenue-convlstm-ae_MODEL = convlstm-ae
avenue-convlstm-ae_TRAIN_ARGS = $(if $(QUICK),--width-mult 0.125 --max-steps 10,$(if $(CPU),--width-mult 0.5 --max-steps 5000 --schedule cosine --optimizer adam --lr 1e-3 --subtract-mean,--epochs 20 --subtract-mean))
# Tested as the authors' test.py tests: windows of 10 from a zero state, 5 apart, each scoring its last
# 5 frames by the root of eq. 3 (docs/models.md, Test windows).
avenue-convlstm-ae_TEST_CLIPS = --strides 1 --step 5 --to-end
avenue-convlstm-ae_SCORE_ARGS = --measure luo-l2 --mapping second-half
avenue-convlstm-ae_EVAL_ARGS = --normalize per-video
avenue-convlstm-ae_SWEEP_MEASURES = luo-l2 sse psnr
avenue-convlstm-ae_SWEEP_MAPPINGS = second-half mean

$(eval $(call experiment,avenue-convlstm-ae))
