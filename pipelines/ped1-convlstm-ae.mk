# ped1-convlstm-ae: Luo et al.'s ConvLSTM-AE on UCSD Ped1 in the original TIFF layout, with the
# settings of ped2-convlstm-ae (pipelines/ped2-convlstm-ae.mk), where they were measured.
UCSD_EXPERIMENTS += ped1-convlstm-ae
ped1-convlstm-ae_DATASET = ped1
ped1-convlstm-ae_LIKE = ped2-convlstm-ae
