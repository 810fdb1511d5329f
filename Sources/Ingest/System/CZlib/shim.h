// zlib, for reading gzip-compressed files (MNIST's idx files ship as .gz).
#include <zlib.h>
