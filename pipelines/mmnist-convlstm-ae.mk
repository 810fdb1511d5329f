# mmnist-convlstm-ae: Luo et al.'s Table 1, ConvLSTM-AE against Hasan et al.'s Conv-AE on Moving
# MNIST with appearance and with motion anomalies: four experiments, one target for all four
# (data and the shared shape: pipelines/datasets/mmnist.mk).

# The motion experiments train on the same normal videos as the appearance ones, so they reuse
# their models.
mmnist-motion-convlstm-ae_MODEL_OF = mmnist-appearance-convlstm-ae
mmnist-motion-conv-ae_MODEL_OF = mmnist-appearance-conv-ae
# CPU=1 trains with Adam at 1e-3, as the other CPU configurations do, not the paper's AdaGrad: a
# pilot of each network with it ended 7% (conv-ae) and 15% (convlstm-ae) lower in training loss
# (mean of the last 1000 of 5000 steps; docs/models.md). 20000 steps (66 epochs of the 1200 clips
# of 600 videos) because at 5000 convlstm-ae's loss was still falling when the cosine schedule ran out.
mmnist_CPU_ARGS = $(if $(CPU),--width-mult 0.25 --max-steps 20000 --schedule cosine --optimizer adam --lr 1e-3,--epochs 10)
$(eval $(call mmnist_experiment,mmnist-appearance-convlstm-ae,appearance,convlstm-ae,$(mmnist_CPU_ARGS)))
$(eval $(call mmnist_experiment,mmnist-appearance-conv-ae,appearance,conv-ae,$(mmnist_CPU_ARGS)))
$(eval $(call mmnist_experiment,mmnist-motion-convlstm-ae,motion,convlstm-ae,$(mmnist_CPU_ARGS)))
$(eval $(call mmnist_experiment,mmnist-motion-conv-ae,motion,conv-ae,$(mmnist_CPU_ARGS)))

.PHONY: mmnist-convlstm-ae
mmnist-convlstm-ae: mmnist-appearance-convlstm-ae mmnist-appearance-conv-ae mmnist-motion-convlstm-ae mmnist-motion-conv-ae
