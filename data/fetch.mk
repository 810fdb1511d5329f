# make fetch-NAME: datasets from their official sources into data/ (override DATA= to put them
# elsewhere, NAME_URL= to use a mirror or a local file:// copy, NAME_CHECKSUM= to pin another file).
# The recipes use DATA as typed (pipelines/common.mk), so their messages name the folder as given.

UCSD_URL ?= http://www.svcl.ucsd.edu/projects/anomaly/UCSD_Anomaly_Dataset.tar.gz
# UCSD publishes no checksum; fetch.sh prints the sha256 it downloaded so that you can pin it.
UCSD_CHECKSUM ?= none
AVENUE_URL ?= http://www.cse.cuhk.edu.hk/leojia/projects/detectabnormal/Avenue_Dataset.zip
AVENUE_CHECKSUM ?= none
# yann.lecun.com has refused these files (403) since 2024; torchvision downloads the same files from
# its mirror. They are pinned by the MD5 of the idx files inside (the figures published for MNIST's
# idx files), so a copy compressed anew passes too; the .gz files torchvision pins have them.
MNIST_URL ?= https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz
MNIST_CHECKSUM ?= gunzip-md5:2646ac647ad5339dbf082846283269ea
MNIST_LABELS_URL ?= https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz
MNIST_LABELS_CHECKSUM ?= gunzip-md5:27ae3e4e09519cfbb04c329615203637

.PHONY: fetch-ped1 fetch-ped2 fetch-ucsd fetch-avenue fetch-mnist

fetch-ped1 fetch-ped2: fetch-ucsd
fetch-ucsd:
	data/fetch.sh ucsd $(UCSD_URL) $(UCSD_CHECKSUM) $(DATA_TYPED)/downloads/UCSD_Anomaly_Dataset.tar.gz $(DATA_TYPED) $(DATA_TYPED)/UCSD_Anomaly_Dataset.v1p2
	@test -d $(DATA_TYPED)/UCSD_Anomaly_Dataset.v1p2/UCSDped1/Train || { echo "fetch-ucsd: $(DATA_TYPED)/UCSD_Anomaly_Dataset.v1p2/UCSDped1/Train is not there after unpacking: remove $(DATA_TYPED)/UCSD_Anomaly_Dataset.v1p2 to unpack the archive again" >&2; exit 1; }

fetch-avenue:
	data/fetch.sh avenue $(AVENUE_URL) $(AVENUE_CHECKSUM) $(DATA_TYPED)/downloads/Avenue_Dataset.zip $(DATA_TYPED)/downloads/avenue
	@mkdir -p $(DATA_TYPED)/avenue && cp -r $(DATA_TYPED)/downloads/avenue/*/training_videos $(DATA_TYPED)/downloads/avenue/*/testing_videos $(DATA_TYPED)/avenue/
	@masks=$$(ls -d $(DATA_TYPED)/downloads/avenue/*/ground_truth_demo/testing_label_mask 2>/dev/null | head -n 1); \
	if [ -n "$$masks" ]; then cp -r "$$masks" $(DATA_TYPED)/avenue/; \
	else echo "fetch-avenue: the archive holds no ground_truth_demo/testing_label_mask; put avenue-frame-labels.txt (Liu et al.'s frame labels) in $(DATA_TYPED)/labels/" >&2; fi

fetch-mnist:
	data/fetch.sh mnist $(MNIST_URL) $(MNIST_CHECKSUM) $(DATA_TYPED)/mnist/t10k-images-idx3-ubyte.gz
	FETCH_TARGET=fetch-mnist data/fetch.sh mnist-labels $(MNIST_LABELS_URL) $(MNIST_LABELS_CHECKSUM) $(DATA_TYPED)/mnist/t10k-labels-idx1-ubyte.gz
