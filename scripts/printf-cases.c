/* Reference table for src/io/text/printf.ts: glibc's printf on a spread of doubles and formats.
 * Output lines: FORMAT <tab> 16 hex digits of the double's bits <tab> printf result.
 * Built and run by scripts/make-engine-fixtures.sh (cc -O0 printf-cases.c && ./a.out). */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
static uint64_t s = 88172645463325252ULL;
static uint64_t xs(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
static const char *ffmt[] = {"%g", "%.8g", "%12.8g", "%.15g", "%.17g", "%20.15g", "%e", "%.3e", "%-1.16e", "%.0e",
  "%f", "%.2f", "%.0f", "%14.4f", "%10.4f", "%11.4f", "%+g", "% g", "%#g", "%#.3g", "%08.3f", "%-12.5g|", "%.12f", "%.1f", "%G", "%E"};
static const char *ifmt[] = {"%d", "%8d", "%14d", "%8ld", "%-6d|", "%05d", "%+d", "%.3d"};
static void one(double v) {
  uint64_t b; memcpy(&b, &v, 8);
  for (unsigned k = 0; k < sizeof ffmt / sizeof *ffmt; k++) { printf("%s\t%016llx\t", ffmt[k], (unsigned long long)b); printf(ffmt[k], v); printf("\n"); }
}
int main(void) {
  double special[] = {0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-5, 1.5e-5, 2.5e-5, 123456789.0, 1e21, 1e22, 9.9999995,
    99999.95, 0.000099999, 1e-300, 4.9e-324, 1.7976931348623157e308, 3.0, -6.77336805325466, 1.44, 0.015625, 1234.5, 1235.5, 0.05, 0.25,
    6.7183847655300291, 8.617343e-5, 1.6021765e6, 68568.415, 5.5e-7, 999999.5, 9999999.5, 0.45, 1.45, 2.675};
  for (unsigned i = 0; i < sizeof special / sizeof *special; i++) one(special[i]);
  for (int i = 0; i < 120; i++) {
    uint64_t r = xs();
    double v;
    if (i % 4 == 0) { memcpy(&v, &r, 8); if (v != v || v - v != 0) continue; }
    else { double m = (double)(r >> 11) / 9007199254740992.0; int e = (int)(xs() % 40) - 20; v = m; while (e > 0) { v *= 10; e--; } while (e < 0) { v /= 10; e++; } if (r & 1) v = -v; }
    one(v);
  }
  long ints[] = {0, 1, -1, 7, 42, 100, -100, 123456, 2147483647, -2147483647, 1000000};
  for (unsigned i = 0; i < sizeof ints / sizeof *ints; i++)
    for (unsigned k = 0; k < sizeof ifmt / sizeof *ifmt; k++) { printf("%s\t%ld\t", ifmt[k], ints[i]); if (strchr(ifmt[k], 'l')) printf(ifmt[k], ints[i]); else printf(ifmt[k], (int)ints[i]); printf("\n"); }
  return 0;
}
