# ped1-convstae: Nayak et al.'s ConvSTAE on UCSD Ped1, with the settings of ped2-convstae
# (pipelines/ped2-convstae.mk), which were sized and measured on Ped2.
UCSD_EXPERIMENTS += ped1-convstae
ped1-convstae_DATASET = ped1
ped1-convstae_LIKE = ped2-convstae
