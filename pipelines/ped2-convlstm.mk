# ped2-convlstm: Chong & Tay's spatiotemporal autoencoder as the Ped1 tutorial builds it (`stae`), on
# UCSD Ped2 (data: pipelines/datasets/ucsd.mk). Scored as the tutorial's notebook scores: the norm of a
# window's error, ||I - R|| over its 10 frames, at its first frame, then (e - min) / max within each video.
# CPU=1: half width for 12000 steps on both cores, about two hours: at 3000 steps its loss was still
# falling when the cosine schedule ran out (docs/models.md).
UCSD_EXPERIMENTS += ped2-convlstm
ped2-convlstm_DATASET = ped2
ped2-convlstm_MODEL = stae
ped2-convlstm_PAPER_SIZE = 256x256
ped2-convlstm_PAPER_ARGS = --epochs 50
ped2-convlstm_CPU_ARGS = --width-mult 0.5 --max-steps 12000 --schedule cosine --lr 1e-3
ped2-convlstm_SCORE_ARGS = --measure l2 --mapping window-start
ped2-convlstm_EVAL_ARGS = --column abnormality_tutorial --normalize none
ped2-convlstm_TEST_CLIPS = --test
