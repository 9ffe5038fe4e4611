/* The loop both decode benchmarks share (png_decode_loop.c, image_decode_loop.c): read each file
 * named in LIST (one path per line) whole into one reused buffer, hand it to `decode`, count.
 * Prints: files, bytes, decoded, failed. Returns the exit status: 0, 2 for an unreadable list, 3
 * when memory runs out. */
#ifndef ASSAY_BENCH_DECODE_LIST_H
#define ASSAY_BENCH_DECODE_LIST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int decode_list(const char *list_path, int (*decode)(const unsigned char *bytes, size_t length)) {
    FILE *list = fopen(list_path, "r");
    if (list == NULL) {
        perror(list_path);
        return 2;
    }
    char path[4096];
    unsigned long files = 0, decoded = 0, failed = 0;
    unsigned long long total = 0;
    unsigned char *buffer = NULL;
    size_t capacity = 0;
    while (fgets(path, sizeof path, list) != NULL) {
        path[strcspn(path, "\n")] = 0;
        if (path[0] == 0) continue;
        FILE *f = fopen(path, "rb");
        if (f == NULL) {
            failed++;
            continue;
        }
        size_t length = 0, got;
        for (;;) {
            if (capacity - length < 65536) {
                capacity = capacity ? capacity * 2 : 1 << 20;
                unsigned char *grown = realloc(buffer, capacity);
                if (grown == NULL) {
                    free(buffer);
                    fclose(f);
                    fclose(list);
                    return 3;
                }
                buffer = grown;
            }
            got = fread(buffer + length, 1, capacity - length, f);
            length += got;
            if (got == 0) break;
        }
        fclose(f);
        files++;
        total += length;
        if (decode(buffer, length)) decoded++;
        else failed++;
    }
    fclose(list);
    free(buffer);
    printf("files %lu bytes %llu decoded %lu failed %lu\n", files, total, decoded, failed);
    return 0;
}

#endif
