# ped1-convlstm: the tutorial's own experiment, its `stae` on UCSD Ped1 in the original TIFF layout,
# with the settings of ped2-convlstm (pipelines/ped2-convlstm.mk), where they were measured.
UCSD_EXPERIMENTS += ped1-convlstm
ped1-convlstm_DATASET = ped1
ped1-convlstm_LIKE = ped2-convlstm
