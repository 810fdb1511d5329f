# ped2-convlstm-ae: Luo et al.'s ConvLSTM-AE (`convlstm-ae`) on UCSD Ped2, centred on the training
# clips' mean frame as the authors' net is, and tested as their test.py tests: windows of 10 from a
# zero state, 5 apart, each scoring its last 5 frames by the root of eq. 3, min-max scaled per video
# (docs/models.md, Test windows).
# CPU=1: half width, 5000 steps of Adam at 1e-3 on both cores, about two hours (1.37 s a step). A
# quarter width levelled off (loss about 705 from step 7000 of 10000); half width levelled off again
# (685 from step 6000) under the paper's AdaGrad, whose steps shrink as its squared gradients pile up,
# and Adam at 1e-3, as the other CPU configurations train, averaged 679 over steps 501-550 where
# AdaGrad had 1997. 8000 steps took 3.1 hours on a machine with AVX2 only; 5000 fit two.
UCSD_EXPERIMENTS += ped2-convlstm-ae
ped2-convlstm-ae_DATASET = ped2
ped2-convlstm-ae_MODEL = convlstm-ae
ped2-convlstm-ae_PAPER_SIZE = 225x225
ped2-convlstm-ae_PAPER_ARGS = --epochs 20 --subtract-mean
ped2-convlstm-ae_CPU_ARGS = --width-mult 0.5 --max-steps 5000 --schedule cosine --optimizer adam --lr 1e-3 --subtract-mean
ped2-convlstm-ae_SCORE_ARGS = --measure luo-l2 --mapping second-half
ped2-convlstm-ae_EVAL_ARGS = --normalize per-video
ped2-convlstm-ae_TEST_CLIPS = --strides 1 --step 5 --to-end
