# CUHK Avenue with Luo et al.'s ConvLSTM-AE: MPEG-4 .avi videos read through ffmpeg.
# Data: DATA/avenue/{training_videos,testing_videos}/NN.avi (`make fetch-avenue`), labels
# DATA/labels/avenue-frame-labels.txt.

AVENUE ?= $(DATA)/avenue
avenue-convlstm-ae_SIZE = $(if $(or $(CPU),$(QUICK)),113x113,225x225)
avenue-convlstm-ae_FRAMES = $(BIN)/frames-extract --quiet --gray --size $(avenue-convlstm-ae_SIZE) $(if $(QUICK),--max-frames 40)
avenue-convlstm-ae_TRAIN_FRAMES = $(avenue-convlstm-ae_FRAMES) $(AVENUE)/training_videos
avenue-convlstm-ae_TEST_FRAMES = $(avenue-convlstm-ae_FRAMES) $(AVENUE)/testing_videos
avenue-convlstm-ae_LABELS = $(firstword $(wildcard $(DATA)/labels/avenue-frame-labels.txt data/labels/avenue-frame-labels.txt))
avenue-convlstm-ae_MODEL = convlstm-ae
avenue-convlstm-ae_TRAIN_ARGS = $(if $(QUICK),--width-mult 0.125 --max-steps 10,$(if $(CPU),--width-mult 0.25 --max-steps 3000 --schedule cosine --optimizer adam --lr 1e-3 --subtract-mean,--epochs 20 --subtract-mean))
avenue-convlstm-ae_TEST_CLIPS = --strides 1 --step 5
avenue-convlstm-ae_SCORE_ARGS = --measure luo-l2 --mapping second-half
avenue-convlstm-ae_EVAL_ARGS = --normalize per-video

$(eval $(call experiment,avenue-convlstm-ae))
