// SPDX-License-Identifier: GPL-2.0
/*
 * bootmem-layout --svg: the physical memory map as a picture. Address runs down the page;
 * what the kernel owns is drawn to one scale, long stretches of free memory or of holes
 * are shortened (and marked "≈"), slivers get a minimum height. Owners, NOMAP, zones and
 * nodes, a legend and addresses; with --diff both maps share the address axis.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <math.h>
#include "layout.h"

#define TARGET_H	860.0	/* the map's height, px */
#define CAP_PLAIN	40.0	/* free memory or a hole: at most this, then shortened */
#define CAP_OWNED	160.0	/* an outlier among the owners, shortened */
#define MIN_OWNED	3.0	/* a sliver of an owner */
#define MAP_W		110.0
#define LABEL_H		13.0
#define TICK_H		12.0

/* Colours by owner kind; holes (no memory) are hatched, see the pattern in the header. */
static const char *const kind_fill[BK_NR] = {
	[BK_FREE] = "#dcefd9", [BK_MEMRESERVE] = "#6f6f6f", [BK_NOMAP] = "#c0392b",
	[BK_RESMEM] = "#f39c12", [BK_CMA] = "#8e44ad", [BK_KERNEL] = "#2c6fbb",
	[BK_DTB] = "#16a5b8", [BK_MEMMAP] = "#8d5b3e", [BK_PGTABLE] = "#e377c2",
	[BK_SWIOTLB] = "#a4a61d", [BK_INITRD] = "#2ca02c", [BK_CRASHKERNEL] = "#17324d",
	[BK_OTHER] = "#b8b8b8",
};

enum { C_HOLE = -1, C_CARVE = -2 };

struct iv {
	uint64_t b, e;
	int what[2];		/* per map: a kind, C_HOLE, or C_CARVE */
	bool outside[2];	/* a DT region outside memory */
	bool plain, shortened, enlarged;
	double h, y;
};

struct ivs {
	struct iv *v;
	int n;
};

static int cmp_u64(const void *x, const void *y)
{
	const uint64_t *a = x, *b = y;

	return *a < *b ? -1 : *a > *b;
}

static void add_point(uint64_t **p, int *n, int *cap, uint64_t a)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*p = realloc(*p, *cap * sizeof(**p));
		if (!*p)
			exit(BML_EXIT_BADINPUT);
	}
	(*p)[(*n)++] = a;
}

static void map_points(const struct bml_map *m, uint64_t **p, int *n, int *cap)
{
	int i;

	for (i = 0; i < m->nmem; i++) {
		add_point(p, n, cap, m->mem[i].base);
		add_point(p, n, cap, m->mem[i].end);
	}
	for (i = 0; i < m->nseg; i++) {
		add_point(p, n, cap, m->seg[i].base);
		add_point(p, n, cap, m->seg[i].end);
	}
	for (i = 0; i < m->nout; i++) {
		add_point(p, n, cap, m->out[i].base);
		add_point(p, n, cap, m->out[i].end);
	}
	for (i = 0; i < m->nzone; i++) {
		add_point(p, n, cap, m->zone[i].start);
		add_point(p, n, cap, m->zone[i].end);
	}
	for (i = 0; i < m->nnode; i++) {
		add_point(p, n, cap, m->node[i].base);
		add_point(p, n, cap, m->node[i].end);
	}
	for (i = 0; i < m->fill.ncarve; i++) {
		add_point(p, n, cap, m->fill.carve[i].base);
		add_point(p, n, cap, m->fill.carve[i].base + m->fill.carve[i].size);
	}
}

/* The segment of @v (n of them, sorted, disjoint) holding @a, or NULL. */
static const struct bml_seg *find_seg(const struct bml_seg *v, int n, uint64_t a)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (v[mid].end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].base <= a ? &v[lo] : NULL;
}

static int content(const struct bml_map *m, uint64_t a, bool *outside)
{
	const struct bml_seg *s = find_seg(m->seg, m->nseg, a);
	int i;

	*outside = false;
	if (s)
		return s->kind;
	s = find_seg(m->out, m->nout, a);
	if (s) {
		*outside = true;
		return s->kind;
	}
	for (i = 0; i < m->fill.ncarve; i++)
		if (a >= m->fill.carve[i].base && a < m->fill.carve[i].base + m->fill.carve[i].size)
			return C_CARVE;
	return C_HOLE;
}

static void build(struct ivs *iv, const struct bml_map **m, int nm)
{
	uint64_t *p = NULL;
	int n = 0, cap = 0, i, k, j;

	for (k = 0; k < nm; k++)
		map_points(m[k], &p, &n, &cap);
	qsort(p, n, sizeof(*p), cmp_u64);
	iv->v = calloc(n ? n : 1, sizeof(*iv->v));
	iv->n = 0;
	for (i = 0; i + 1 < n; i++) {
		struct iv *v;

		if (p[i] == p[i + 1])
			continue;
		v = &iv->v[iv->n++];
		v->b = p[i];
		v->e = p[i + 1];
		v->plain = true;
		for (k = 0; k < nm; k++) {
			v->what[k] = content(m[k], v->b, &v->outside[k]);
			if (v->outside[k] || (v->what[k] != BK_FREE && v->what[k] != C_HOLE))
				v->plain = false;
		}
		for (j = k; j < 2; j++)
			v->what[j] = C_HOLE;
	}
	free(p);
}

/* Heights at @s px per byte; the total. Outliers (v->shortened preset) stay at CAP_OWNED. */
static double heights(struct ivs *iv, double s, uint64_t outlier)
{
	double total = 0;
	int i;

	for (i = 0; i < iv->n; i++) {
		struct iv *v = &iv->v[i];
		double h = (double)(v->e - v->b) * s;

		if (v->plain) {
			v->shortened = h > CAP_PLAIN;
			v->h = v->shortened ? CAP_PLAIN : h;
		} else {
			v->shortened = v->e - v->b > outlier;
			v->enlarged = !v->shortened && h < MIN_OWNED;
			v->h = v->shortened ? CAP_OWNED : v->enlarged ? MIN_OWNED : h;
		}
		total += v->h;
	}
	return total;
}

static int cmp_size(const void *x, const void *y)
{
	return cmp_u64(x, y);
}

/*
 * The scale: owners to scale, except outliers (16 times the upper quartile of the owners'
 * sizes) drawn shortened; free memory and holes to scale up to CAP_PLAIN. The largest scale
 * that keeps the map within TARGET_H (bisection on a log scale).
 */
static double layout(struct ivs *iv)
{
	double lo = 1e-16, hi = 1e-1, y = 0;
	uint64_t *sz = malloc(iv->n * sizeof(*sz)), outlier = ~0ULL;
	int i, n = 0;

	for (i = 0; sz && i < iv->n; i++)
		if (!iv->v[i].plain)
			sz[n++] = iv->v[i].e - iv->v[i].b;
	if (n >= 4) {
		qsort(sz, n, sizeof(*sz), cmp_size);
		if (sz[n * 3 / 4] < (~0ULL >> 5))
			outlier = sz[n * 3 / 4] * 16;
	}
	free(sz);
	for (i = 0; i < 200; i++) {
		double mid = sqrt(lo * hi);

		if (heights(iv, mid, outlier) > TARGET_H)
			hi = mid;
		else
			lo = mid;
	}
	heights(iv, lo, outlier);
	for (i = 0; i < iv->n; i++) {
		iv->v[i].y = y;
		y += iv->v[i].h;
	}
	return lo;
}

/* y of address @a (a point of the axis). */
static double ypos(const struct ivs *iv, uint64_t a, double top)
{
	int lo = 0, hi = iv->n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (iv->v[mid].e <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= iv->n)
		return top + (iv->n ? iv->v[iv->n - 1].y + iv->v[iv->n - 1].h : 0);
	return top + iv->v[lo].y;
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else if ((unsigned char)*s >= 0x20)
			fputc(*s, f);
	}
}

static void human(char *buf, size_t len, uint64_t bytes)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, v >= 100 || v == (int)v ? "%.0f %s" : "%.1f %s", v, unit[u]);
}

struct col {
	double x;		/* the map's left edge */
	int dir;		/* +1: brackets and labels to the right; -1: to the left */
	int idx;		/* which map (0/1), for the test's data-map */
};

static void label(FILE *f, const struct col *c, double anchor, double *next, const char *text,
		  double label_x)
{
	double y = anchor > *next ? anchor : *next;
	double edge = c->dir > 0 ? c->x + MAP_W : c->x;

	fprintf(f, "<polyline class=\"leader\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>\n", edge,
		anchor, edge + c->dir * 8, anchor, label_x - c->dir * 3, y - 4);
	fprintf(f, "<text class=\"label\" data-map=\"%d\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
		c->idx, label_x, y, c->dir > 0 ? "start" : "end");
	xml_text(f, text);
	fputs("</text>\n", f);
	*next = y + LABEL_H;
}

/* The labels' names: the legend's, shorter. */
static const char *const kind_label[BK_NR] = {
	"available", "/memreserve/", "no-map", "reserved-memory", "CMA", "kernel image", "DTB",
	"memmap", "page tables", "swiotlb", "initrd", "crashkernel", "other early allocations",
};

static void seg_text(char *buf, size_t len, const struct bml_map *m, int kind, int name,
		     uint64_t bytes, bool outside)
{
	char size[32];

	human(size, sizeof(size), bytes);
	if (name >= 0)
		snprintf(buf, len, "%s '%s'%s · %s", kind_label[kind], bml_map_name(m, name),
			 outside ? " (outside memory)" : "", size);
	else
		snprintf(buf, len, "%s%s · %s", kind_label[kind],
			 outside ? " (outside memory)" : "", size);
}

struct lab {
	double a;
	char text[200];
};

static void add_label(struct lab **v, int *n, double a, const char *text)
{
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	if (!*v)
		exit(BML_EXIT_BADINPUT);
	(*v)[*n].a = a;
	snprintf((*v)[*n].text, sizeof((*v)[0].text), "%s", text);
	(*n)++;
}

static int cmp_lab(const void *x, const void *y)
{
	const struct lab *a = x, *b = y;

	return a->a < b->a ? -1 : a->a > b->a;
}

/* One map: its rectangles, breaks, zones and nodes, then the labels. Returns the lowest y. */
static double draw_map(FILE *f, const struct bml_map *m, const struct ivs *iv, const struct col *c,
		       double top)
{
	double zx = c->dir > 0 ? c->x + MAP_W + 14 : c->x - 14 - 8;
	double nx = c->dir > 0 ? zx + 50 : zx - 50;
	double lx = c->dir > 0 ? nx + 62 : nx - 54, next = top, end = top;
	const struct bml_seg *last;
	double last_y = -100;
	char text[200];
	struct lab *labs = NULL;
	int i, k, nlabs = 0;

	fprintf(f, "<g class=\"column\" data-map=\"%d\">\n", c->idx);
	for (i = 0; i < iv->n; i++) {
		const struct iv *v = &iv->v[i];
		int w = v->what[c->idx];
		const char *cls = w == C_HOLE ? "hole" : w == C_CARVE ? "carve" : bml_kind_name[w];
		const char *fill = w == C_HOLE ? "url(#hole)" : w == C_CARVE ? "url(#carve)" :
				   v->outside[c->idx] ? "url(#outside)" : kind_fill[w];

		fprintf(f, "<rect class=\"seg k-%s\" data-map=\"%d\" data-base=\"%#" PRIx64
			"\" data-end=\"%#" PRIx64 "\" x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" "
			"height=\"%.2f\" fill=\"%s\"%s/>\n", cls, c->idx, v->b, v->e, c->x, top + v->y,
			MAP_W, v->h, fill,
			v->outside[c->idx] ? " stroke=\"#444\" stroke-width=\"0.5\"" : "");
		if (v->shortened) {
			double my = top + v->y + v->h / 2;

			human(text, sizeof(text), v->e - v->b);
			fprintf(f, "<path class=\"break\" d=\"M%.1f,%.1f l10,-4 l10,8 l10,-8 l10,8 l10,-8 "
				"l10,8 l10,-8 l10,8 l10,-8 l10,8 l10,-4\"/>\n", c->x, my - 3);
			fprintf(f, "<text class=\"brk\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">≈ ",
				c->x + MAP_W / 2, my + 14 < top + v->y + v->h ? my + 14 : my - 6);
			xml_text(f, text);
			fputs("</text>\n", f);
		}
		end = top + v->y + v->h;
	}
	for (i = 0; i < m->nzone; i++) {
		double y0 = ypos(iv, m->zone[i].start, top), y1 = ypos(iv, m->zone[i].end, top);

		/* A pixel apart, so that neighbouring zones of two nodes read as two. */
		fprintf(f, "<rect class=\"zone z-%s\" data-map=\"%d\" data-name=\"%s\" x=\"%.1f\" "
			"y=\"%.2f\" width=\"8\" height=\"%.2f\"/>\n", m->zone[i].name, c->idx,
			m->zone[i].name, zx, y0 + 1, y1 - y0 > 2 ? y1 - y0 - 2 : y1 - y0);
		fprintf(f, "<text class=\"zname\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
			c->dir > 0 ? zx + 11 : zx - 3, y0 + 10, c->dir > 0 ? "start" : "end",
			m->zone[i].name);
	}
	for (i = 0; i < m->nnode; i++) {
		double y0 = ypos(iv, m->node[i].base, top), y1 = ypos(iv, m->node[i].end, top);

		fprintf(f, "<rect class=\"node n%d\" data-map=\"%d\" data-nid=\"%d\" x=\"%.1f\" "
			"y=\"%.2f\" width=\"6\" height=\"%.2f\"/>\n", m->node[i].nid % 2, c->idx,
			m->node[i].nid, nx, y0 + 1, y1 - y0 > 2 ? y1 - y0 - 2 : y1 - y0);
		fprintf(f, "<text class=\"nname\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">node %d</text>\n",
			c->dir > 0 ? nx + 9 : nx - 3, y0 + 10, c->dir > 0 ? "start" : "end",
			m->node[i].nid);
	}
	/* Labels: one per owner run (neighbouring pieces of one owner share one), by height. */
	for (k = 0; k < 2; k++) {
		const struct bml_seg *v = k ? m->out : m->seg;
		int n = k ? m->nout : m->nseg;

		last = NULL;
		for (i = 0; i < n; i++) {
			const struct bml_seg *s = &v[i];
			double y0 = ypos(iv, s->base, top), y1 = ypos(iv, s->end, top);
			uint64_t bytes = s->end - s->base;
			int j;

			if (s->kind == BK_FREE && y1 - y0 < 2 * LABEL_H)
				continue;
			if (last && last->kind == s->kind && last->name == s->name &&
			    (y0 + y1) / 2 - last_y < 40)
				continue;
			for (j = i + 1; j < n; j++) {
				const struct bml_seg *t = &v[j];
				double h = ypos(iv, t->end, top) - ypos(iv, t->base, top);

				if (t->kind == BK_FREE && h < 40)
					continue;
				if (t->kind != s->kind || t->name != s->name ||
				    ypos(iv, t->base, top) - y0 > 40)
					break;
				bytes += t->end - t->base;
			}
			seg_text(text, sizeof(text), m, s->kind, s->name, bytes, k);
			add_label(&labs, &nlabs, (y0 + y1) / 2, text);
			last = s;
			last_y = (y0 + y1) / 2;
		}
	}
	for (i = 0; i < m->fill.ncarve; i++) {
		const struct bml_range *r = &m->fill.carve[i];
		char size[32];
		double y0 = ypos(iv, r->base, top), y1 = ypos(iv, r->base + r->size, top);

		human(size, sizeof(size), r->size);
		snprintf(text, sizeof(text), "kept by the firmware: %s · %s", r->what, size);
		add_label(&labs, &nlabs, (y0 + y1) / 2, text);
	}
	qsort(labs, nlabs, sizeof(*labs), cmp_lab);
	for (i = 0; i < nlabs; i++)
		label(f, c, labs[i].a, &next, labs[i].text, lx);
	free(labs);
	fputs("</g>\n", f);
	return next > end ? next : end;
}

/* Addresses at every boundary that has room, and the last one. */
static void draw_axis(FILE *f, const struct ivs *iv, double x, double top, const char *anchor)
{
	uint64_t max = iv->v[iv->n - 1].e;
	double last = -100;
	int i, digits = 8;

	while (digits < 16 && (max - 1) >> (4 * digits))
		digits++;

	fputs("<g class=\"axis\">\n", f);
	for (i = 0; i <= iv->n; i++) {
		uint64_t a = i < iv->n ? iv->v[i].b : iv->v[iv->n - 1].e;
		double y = top + (i < iv->n ? iv->v[i].y : iv->v[iv->n - 1].y + iv->v[iv->n - 1].h);

		if (y - last < TICK_H && i < iv->n)
			continue;
		fprintf(f, "<text class=\"addr\" data-addr=\"%#" PRIx64 "\" x=\"%.1f\" y=\"%.1f\" "
			"text-anchor=\"%s\">0x%0*" PRIx64 "</text>\n", a, x, y + 4, anchor, digits, a);
		last = y;
	}
	fputs("</g>\n", f);
}

static bool map_has(const struct bml_map *m, int kind)
{
	int i;

	for (i = 0; i < m->nseg + m->nout; i++)
		if ((i < m->nseg ? m->seg[i].kind : m->out[i - m->nseg].kind) == kind)
			return true;
	return false;
}

static double legend(FILE *f, const struct bml_map **m, int nm, double x, double y, double w,
		     double scale, bool outside, bool carve)
{
	double cx = x;
	char per[32];
	int k, i;

	fprintf(f, "<g id=\"legend\">\n");
	for (k = 0; k < BK_NR + 3; k++) {
		const char *fill, *title;
		bool has = false;

		if (k < BK_NR) {
			for (i = 0; i < nm; i++)
				has |= map_has(m[i], k);
			fill = kind_fill[k];
			title = bml_kind_title[k];
		} else if (k == BK_NR) {
			has = true;
			fill = "url(#hole)";
			title = "no memory (hole)";
		} else if (k == BK_NR + 1) {
			has = outside;
			fill = "url(#outside)";
			title = "DT region outside memory";
		} else {
			has = carve;
			fill = "url(#carve)";
			title = "kept by the firmware";
		}
		if (!has)
			continue;
		if (cx + 30 + 6.2 * strlen(title) > x + w) {
			cx = x;
			y += 18;
		}
		fprintf(f, "<rect class=\"swatch\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"12\" "
			"fill=\"%s\" stroke=\"#555\" stroke-width=\"0.5\"/>\n", cx, y - 10, fill);
		fprintf(f, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", cx + 19, y,
			title);
		cx += 30 + 6.2 * strlen(title);
	}
	human(per, sizeof(per), (uint64_t)(1 / scale));
	fprintf(f, "<text class=\"note\" x=\"%.1f\" y=\"%.1f\">Heights to scale, 1 px = %s, "
		"except ≈ shortened stretches and slivers drawn at %.0f px. Addresses: physical, "
		"start of each piece.</text>\n</g>\n", x, y + 18, per, MIN_OWNED);
	return y + 30;
}

static void title(FILE *f, const struct bml_map *m, double x, double y, const char *anchor,
		  const char *side)
{
	const char *base = m->file ? strrchr(m->file, '/') : NULL;
	char ram[32];

	fprintf(f, "<text class=\"title\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s", x, y,
		anchor, side);
	xml_text(f, base ? base + 1 : m->file ? m->file : "");
	if (m->fill.method) {
		human(ram, sizeof(ram), m->fill.ram_total);
		fprintf(f, ", --ram %s (%s)", ram, m->fill.method == BML_FILL_RPI ?
			"as the Raspberry Pi firmware fills it" : "as U-Boot fills it");
	}
	fprintf(f, "</text>\n<text class=\"sub\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">Memory: "
		"%" PRIu64 "K/%" PRIu64 "K available, %" PRIu64 "K reserved, %" PRIu64
		"K cma-reserved</text>\n", x, y + 15, anchor, m->available << 2, m->physpages << 2,
		m->reserved << 2, m->cma << 2);
}

static const char style[] =
	"<style>\n"
	"text { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 11px; fill: #222; }\n"
	".addr { font-family: 'DejaVu Sans Mono', monospace; font-size: 10px; fill: #444; }\n"
	".title { font-size: 15px; font-weight: bold; } .sub { font-size: 12px; }\n"
	".note { font-size: 10px; fill: #555; } .brk { font-size: 10px; fill: #333; }\n"
	".zname, .nname { font-size: 10px; fill: #333; }\n"
	".leader { fill: none; stroke: #999; stroke-width: 0.6; }\n"
	".break { fill: none; stroke: #333; stroke-width: 1; }\n"
	".zone { stroke: #666; stroke-width: 0.5; } .z-DMA { fill: #f7c6c5; }\n"
	".z-DMA32 { fill: #fbe3b5; } .z-Normal { fill: #c9d8f0; } .z-Movable { fill: #cdeccb; }\n"
	".node.n0 { fill: #666; } .node.n1 { fill: #aaa; }\n"
	"</style>\n"
	"<defs>\n"
	"<pattern id=\"hole\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
	"<rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0,6 l6,-6\" stroke=\"#bbb\" "
	"stroke-width=\"1\"/></pattern>\n"
	"<pattern id=\"carve\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
	"<rect width=\"6\" height=\"6\" fill=\"#ddd\"/><path d=\"M0,0 l6,6\" stroke=\"#555\" "
	"stroke-width=\"1.2\"/></pattern>\n"
	"<pattern id=\"outside\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
	"<rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0,3 l6,0\" stroke=\"#f39c12\" "
	"stroke-width=\"2\"/></pattern>\n"
	"</defs>\n";

int bml_svg(FILE *f, const struct bml_map *a, const struct bml_map *b)
{
	const struct bml_map *m[2] = { a, b };
	int nm = b ? 2 : 1, i, k;
	bool outside = false, carve = false;
	struct ivs iv;
	double scale, top, bottom, width = b ? 1300 : 780, axis_x, y;
	struct col c[2];
	long pos;

	build(&iv, m, nm);
	if (!iv.n) {
		free(iv.v);
		return -1;
	}
	scale = layout(&iv);
	for (k = 0; k < nm; k++) {
		outside |= m[k]->nout > 0;
		carve |= m[k]->fill.ncarve > 0;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	/* The height is known at the end: a fixed-width placeholder, rewritten then. */
	pos = ftell(f);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%8d\" "
		"viewBox=\"0 0 %.0f %8d\">\n", width, 0, width, 0);
	fputs(style, f);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	if (b) {
		title(f, m[0], 20, 22, "start", "left: ");
		title(f, m[1], 20, 57, "start", "right: ");
		axis_x = width / 2;
		c[0] = (struct col){ axis_x - 62 - MAP_W, -1, 0 };
		c[1] = (struct col){ axis_x + 62, +1, 1 };
	} else {
		title(f, m[0], 20, 22, "start", "");
		axis_x = 90;
		c[0] = (struct col){ axis_x + 6, +1, 0 };
	}
	top = legend(f, m, nm, 20, b ? 97 : 62, width - 40, scale, outside, carve) + 14;
	draw_axis(f, &iv, b ? axis_x : axis_x, top, b ? "middle" : "end");
	bottom = top;
	for (i = 0; i < nm; i++) {
		y = draw_map(f, m[i], &iv, &c[i], top);
		if (y > bottom)
			bottom = y;
	}
	fputs("</svg>\n", f);
	if (pos >= 0 && !fseek(f, pos, SEEK_SET))
		fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%8d\" "
			"viewBox=\"0 0 %.0f %8d\">\n", width, (int)bottom + 24, width, (int)bottom + 24);
	free(iv.v);
	return ferror(f) ? -1 : 0;
}
