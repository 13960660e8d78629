/*
 * The parse threads' fast path (src/ingest/native-scan.ts): one region of a JSON array of
 * playlist records, `[element,element,...]`, scanned in C into the numbered rows and COPY lines
 * that RegionLines would make with JSON.parse, validateRecord and RecordEncoder.
 *
 * Only records that are plainly valid are taken here: an object whose keys are the feed's own,
 * each at most once, with strings free of escapes, control bytes (NUL among them) and of invalid
 * UTF-8, counts as digits their column holds or null,
 * and the timestamp without zone in `YYYY-MM-DDTHH:MM:SS[.ffffff]` (up to six digits) at a possible date and time.
 * Every other element is handed back by its byte range and validated in JavaScript, so what a
 * record means and why one is refused is decided in one place. The scan checks the JSON syntax
 * of what it takes and finds the bounds of the rest; JSON.parse checks those. A region that is
 * not `[elements]` gives null, as JSON.parse's failure does in JavaScript.
 *
 * State per string table (createTable(): one per RecordEncoder): the string numbering, continued
 * from the number the caller gives, so numbers stay unique together with the JavaScript encoder's.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The record, as OBSERVATION_FIELDS declares it (src/record/fields.ts), in its order; the tables
 * below are checked against it by test/record/native-fields.test.ts.
 * Row layout (src/record/encoded.ts): the string fields, then the element index; the counts, then the timestamp.
 */
enum { I_PLAYLIST_ID, I_PLAYLIST_NAME, I_ARTWORK_URL, I_CHANNEL_ID, I_VIDEO_ID, I_TITLE, I_ARTIST_NAME, I_IMAGE_URL, I_TRACK_TITLE, I_INDEX, INTS };
enum { F_VIEWS, F_NUM_VIDEOS, F_POSITION, F_DAY, F_MICRO, FLOATS };

/* The record's fields by their JSON keys. */
enum { K_PLAYLIST_ID, K_PLAYLIST_NAME, K_ARTWORK_URL, K_CHANNEL_ID, K_VIEWS, K_NUM_VIDEOS, K_TIMESTP, K_VIDEO_ID, K_TITLE, K_ARTIST_NAME, K_IMAGE_URL, K_TRACK_TITLE, K_POSITION, KEYS };
static const char *const KEY_NAMES[KEYS] = {
  "playlist_id", "playlist_name", "artwork_url", "channel_id", "views", "num_videos", "timestp",
  "video_id", "title", "artist_name", "image_url", "track_title", "position",
};
/* Per key: its slot in the row (string fields and counts), whether it may be null, whether a count's column is int4. */
static const int STRING_SLOT[KEYS] = { I_PLAYLIST_ID, I_PLAYLIST_NAME, I_ARTWORK_URL, I_CHANNEL_ID, -1, -1, -1, I_VIDEO_ID, I_TITLE, I_ARTIST_NAME, I_IMAGE_URL, I_TRACK_TITLE, -1 };
static const int COUNT_SLOT[KEYS] = { -1, -1, -1, -1, F_VIEWS, F_NUM_VIDEOS, -1, -1, -1, -1, -1, -1, F_POSITION };
static const int NULLABLE[KEYS] = { 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1 };
static const int INT4[KEYS] = { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1 };
/* OBSERVATION_COLUMNS (fields.ts): the keys in line order. */
static const int LINE_KEYS[KEYS] = { K_PLAYLIST_ID, K_VIDEO_ID, K_TIMESTP, K_PLAYLIST_NAME, K_ARTWORK_URL, K_CHANNEL_ID, K_VIEWS, K_NUM_VIDEOS, K_TITLE, K_ARTIST_NAME, K_IMAGE_URL, K_TRACK_TITLE, K_POSITION };

/* ---- growable byte and number buffers ---- */

typedef struct {
  uint8_t *data;
  size_t length, capacity;
} Bytes;

static int reserve(Bytes *b, size_t more) {
  if (b->length + more <= b->capacity) return 1;
  size_t capacity = b->capacity < 4096 ? 4096 : b->capacity;
  while (capacity < b->length + more) capacity *= 2;
  uint8_t *data = realloc(b->data, capacity);
  if (data == NULL) return 0;
  b->data = data;
  b->capacity = capacity;
  return 1;
}

/* ---- string numbering: open addressing over the bytes of each string ---- */

typedef struct {
  uint64_t hash;
  uint32_t offset, length; /* in the arena */
  int32_t id;              /* 0: empty slot */
} Slot;

typedef struct {
  Slot *slots;
  size_t mask, used;
  Bytes arena;
  int32_t next;
  /* Numbered during the current scan, from the nextId it was given: (offset, length) pairs as uint32. */
  Bytes fresh;
} Table;

static uint64_t hash_bytes(const uint8_t *p, size_t n) {
  /* FNV-1a, 8 bytes at a time then the rest: short strings, good enough spread for a power-of-two table. */
  uint64_t h = 1469598103934665603ULL ^ n;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    h = (h ^ w) * 1099511628211ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  while (n > 0) {
    h = (h ^ *p++) * 1099511628211ULL;
    n--;
  }
  return h ^ (h >> 32);
}

static void table_clear(Table *t) {
  free(t->slots);
  free(t->arena.data);
  free(t->fresh.data);
  memset(t, 0, sizeof *t);
}

static int table_grow(Table *t) {
  size_t size = t->slots == NULL ? 1024 : (t->mask + 1) * 2;
  Slot *slots = calloc(size, sizeof(Slot));
  if (slots == NULL) return 0;
  for (size_t i = 0; t->slots != NULL && i <= t->mask; i++) {
    Slot s = t->slots[i];
    if (s.id == 0) continue;
    size_t j = s.hash & (size - 1);
    while (slots[j].id != 0) j = (j + 1) & (size - 1);
    slots[j] = s;
  }
  free(t->slots);
  t->slots = slots;
  t->mask = size - 1;
  return 1;
}

/* The number of the string p[0..n), numbering it when new; -1 when out of memory. */
static int32_t table_id(Table *t, const uint8_t *p, size_t n) {
  if (t->slots == NULL || (t->used + 1) * 4 > (t->mask + 1) * 3) {
    if (!table_grow(t)) return -1;
  }
  uint64_t h = hash_bytes(p, n);
  size_t i = h & t->mask;
  for (;;) {
    Slot *s = &t->slots[i];
    if (s->id == 0) break;
    if (s->hash == h && s->length == n && memcmp(t->arena.data + s->offset, p, n) == 0) return s->id;
    i = (i + 1) & t->mask;
  }
  if (!reserve(&t->arena, n) || !reserve(&t->fresh, 8)) return -1;
  uint32_t offset = (uint32_t)t->arena.length;
  memcpy(t->arena.data + offset, p, n);
  t->arena.length += n;
  uint32_t pair[2] = { offset, (uint32_t)n };
  memcpy(t->fresh.data + t->fresh.length, pair, 8);
  t->fresh.length += 8;
  Slot *s = &t->slots[i];
  s->hash = h;
  s->offset = offset;
  s->length = (uint32_t)n;
  s->id = t->next++;
  t->used++;
  return s->id;
}

/* ---- scanning ---- */

typedef struct {
  const uint8_t *p, *end;
} Cursor;

static inline int is_ws(uint8_t c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
static inline void skip_ws(Cursor *c) {
  while (c->p < c->end && is_ws(*c->p)) c->p++;
}

/*
 * The bounds of any JSON value (for elements taken in JavaScript): strings with their escapes,
 * nesting by brackets, a scalar up to the next separator. It does not check the value's syntax;
 * JSON.parse does. 0 when the region ends inside it or no value is there.
 */
static int skip_value(Cursor *c) {
  const uint8_t *start = c->p;
  int depth = 0;
  while (c->p < c->end) {
    uint8_t ch = *c->p;
    if (ch == '"') {
      c->p++;
      while (c->p < c->end && *c->p != '"') c->p += *c->p == '\\' ? 2 : 1;
      if (c->p >= c->end) return 0;
      c->p++;
      if (depth == 0) return 1;
    } else if (ch == '{' || ch == '[') {
      depth++;
      c->p++;
    } else if (ch == '}' || ch == ']') {
      if (depth == 0) break;
      c->p++;
      if (--depth == 0) return 1;
    } else if (depth == 0 && (ch == ',' || is_ws(ch))) {
      break;
    } else {
      c->p++;
    }
  }
  return depth == 0 && c->p > start && c->p <= c->end;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0 (JavaScript would put U+FFFD there). */
static size_t utf8_sequence(const uint8_t *p, const uint8_t *end) {
  uint8_t b = p[0];
  size_t n;
  uint32_t cp;
  if (b >= 0xC2 && b <= 0xDF) n = 2, cp = b & 0x1F;
  else if (b >= 0xE0 && b <= 0xEF) n = 3, cp = b & 0x0F;
  else if (b >= 0xF0 && b <= 0xF4) n = 4, cp = b & 0x07;
  else return 0;
  if ((size_t)(end - p) < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  return n;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
/* High bit set in each byte of w that is zero (exact after the lowest such byte, enough for "any"). */
#define ZERO_BYTES(w) (((w) - ONES) & ~(w) & HIGHS)

/* A string value without escapes, its bytes valid UTF-8; the cursor after the closing quote. 0: not plain. */
static int plain_string(Cursor *c, const uint8_t **start, size_t *length) {
  const uint8_t *p = c->p + 1;
  *start = p;
  while (p < c->end) {
    /* Eight bytes at a time while none is a quote, backslash, control or non-ASCII byte. */
    while (c->end - p >= 8) {
      uint64_t w;
      memcpy(&w, p, 8);
      uint64_t special = ZERO_BYTES(w ^ (ONES * '"')) | ZERO_BYTES(w ^ (ONES * '\\')) | ((w - ONES * 0x20) & ~w & HIGHS) | (w & HIGHS);
      if (special != 0) break;
      p += 8;
    }
    if (p >= c->end) break;
    uint8_t ch = *p;
    if (ch == '"') {
      *length = (size_t)(p - *start);
      c->p = p + 1;
      return 1;
    }
    if (ch == '\\' || ch < 0x20) return 0;
    if (ch < 0x80) {
      p++;
      continue;
    }
    size_t n = utf8_sequence(p, c->end);
    if (n == 0) return 0;
    p += n;
  }
  return 0;
}

static const int DAYS_IN_MONTH[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

/* H. Hinnant's days_from_civil, as buckets.ts. */
static int64_t days_from_civil(int64_t year, int64_t month, int64_t day) {
  int64_t y = month <= 2 ? year - 1 : year;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t year_of_era = y - era * 400;
  int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

/*
 * A timestamp without zone, `YYYY-MM-DD[T ]HH:MM:SS` with no or 1-6 fractional digits after a
 * '.', and a possible date and time: what timestamp.ts reads as that UTC time, exactly.
 */
static int plain_timestamp(const uint8_t *t, size_t n, double *day, double *micro) {
  static const char SHAPE[] = "DDDD-DD-DDTDD:DD:DD";
  if (!(n == 19 || (n >= 21 && n <= 26 && t[19] == '.'))) return 0;
  for (int i = 0; i < 19; i++) {
    if (SHAPE[i] == 'D') {
      if (t[i] < '0' || t[i] > '9') return 0;
    } else if (t[i] != SHAPE[i] && !(i == 10 && t[i] == ' ')) return 0;
  }
  int64_t fraction = 0;
  for (size_t i = 20; i < 26; i++) {
    if (i < n && (t[i] < '0' || t[i] > '9')) return 0;
    fraction = fraction * 10 + (i < n ? t[i] - '0' : 0);
  }
#define N2(i) ((t[i] - '0') * 10 + (t[(i) + 1] - '0'))
  int year = N2(0) * 100 + N2(2), month = N2(5), date = N2(8), hour = N2(11), minute = N2(14), second = N2(17);
#undef N2
  if (month < 1 || month > 12 || date < 1) return 0;
  int leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  if (date > DAYS_IN_MONTH[month - 1] + (month == 2 && leap)) return 0;
  if (hour > 23 || minute > 59 || second > 59) return 0;
  *day = (double)days_from_civil(year, month, date);
  *micro = (double)((((int64_t)hour * 60 + minute) * 60 + second) * 1000000 + fraction);
  return 1;
}

/* The timestamp as normalised text (26 bytes): the date, a space, the time, six fractional digits. */
static void put_timestamp(Bytes *out, const uint8_t *t, size_t n) {
  uint8_t *o = out->data + out->length;
  memcpy(o, t, 19);
  o[10] = ' ';
  o[19] = '.';
  for (size_t i = 20; i < 26; i++) o[i] = i < n ? t[i] : '0';
  out->length += 26;
}

/*
 * A count in its shortest digits (no sign, fraction or exponent) that its column holds: below
 * 2^53 (views), at most 2147483647 (`int4`: num_videos, position). Any other goes to JavaScript.
 */
static int plain_count(Cursor *c, const uint8_t **start, size_t *length, int int4) {
  const uint8_t *p = c->p;
  *start = p;
  while (p < c->end && *p >= '0' && *p <= '9') p++;
  size_t n = (size_t)(p - *start);
  if (n == 0 || n > 15 || (n > 1 && **start == '0')) return 0;
  if (int4 && (n > 10 || (n == 10 && memcmp(*start, "2147483647", 10) > 0))) return 0;
  if (p < c->end && !(is_ws(*p) || *p == ',' || *p == '}')) return 0;
  *length = n;
  c->p = p;
  return 1;
}

static int literal_null(Cursor *c) {
  if (c->end - c->p < 4 || memcmp(c->p, "null", 4) != 0) return 0;
  c->p += 4;
  return c->p >= c->end || is_ws(*c->p) || *c->p == ',' || *c->p == '}';
}

typedef struct {
  const uint8_t *start[KEYS];
  size_t length[KEYS];
  uint8_t present[KEYS], is_null[KEYS];
} Fields;

static size_t KEY_LENGTHS[KEYS];

/* The key's field, trying first the one after `previous` (records keep their keys in one order). */
static int key_of(const uint8_t *p, size_t n, int previous) {
  for (int i = 1; i <= KEYS; i++) {
    int k = (previous + i) % KEYS;
    if (KEY_LENGTHS[k] == n && memcmp(KEY_NAMES[k], p, n) == 0) return k;
  }
  return -1;
}

/* A plainly valid record at the cursor (see the file's comment), its fields in `f`; 0 otherwise. */
static int plain_record(Cursor *c, Fields *f) {
  memset(f->present, 0, sizeof f->present);
  if (c->p >= c->end || *c->p != '{') return 0;
  c->p++;
  skip_ws(c);
  if (c->p < c->end && *c->p == '}') return 0;
  int k = -1;
  for (;;) {
    if (c->p >= c->end || *c->p != '"') return 0;
    const uint8_t *name;
    size_t name_length;
    if (!plain_string(c, &name, &name_length)) return 0;
    k = key_of(name, name_length, k < 0 ? KEYS - 1 : k);
    if (k < 0 || f->present[k]) return 0;
    f->present[k] = 1;
    skip_ws(c);
    if (c->p >= c->end || *c->p != ':') return 0;
    c->p++;
    skip_ws(c);
    if (c->p >= c->end) return 0;
    f->is_null[k] = 0;
    if (*c->p == 'n') {
      if (!NULLABLE[k] || !literal_null(c)) return 0;
      f->is_null[k] = 1;
    } else if (COUNT_SLOT[k] >= 0) {
      if (!plain_count(c, &f->start[k], &f->length[k], INT4[k])) return 0;
    } else {
      if (*c->p != '"' || !plain_string(c, &f->start[k], &f->length[k])) return 0;
      /* A required string is an id: never empty (the timestamp, empty, is no timestamp either). */
      if (!NULLABLE[k] && f->length[k] == 0) return 0;
    }
    skip_ws(c);
    if (c->p >= c->end) return 0;
    if (*c->p == '}') {
      c->p++;
      break;
    }
    if (*c->p != ',') return 0;
    c->p++;
    skip_ws(c);
  }
  for (k = 0; k < KEYS; k++) {
    if (!NULLABLE[k] && !f->present[k]) return 0;
  }
  return 1;
}

typedef struct {
  Table strings;
  Bytes ints, floats, lines, ends, handed;
} State;

static void state_free(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  State *s = data;
  table_clear(&s->strings);
  free(s->ints.data);
  free(s->floats.data);
  free(s->lines.data);
  free(s->ends.data);
  free(s->handed.data);
  free(s);
}


typedef enum { SCAN_OK, SCAN_SYNTAX, SCAN_MEMORY } ScanStatus;

static ScanStatus scan(State *s, const uint8_t *bytes, size_t size, const uint8_t *suffix, size_t suffix_length, int want_lines, uint32_t *elements) {
  Cursor c = { bytes, bytes + size };
  s->ints.length = s->floats.length = s->lines.length = s->ends.length = s->handed.length = 0;
  *elements = 0;
  skip_ws(&c);
  if (c.p >= c.end || *c.p != '[') return SCAN_SYNTAX;
  c.p++;
  skip_ws(&c);
  if (c.p < c.end && *c.p == ']') return SCAN_SYNTAX; /* no element: as JavaScript's null */
  Fields f;
  for (uint32_t k = 0;; k++) {
    const uint8_t *element = c.p;
    Cursor record = c;
    int plain = plain_record(&record, &f);
    double day = 0, micro = 0;
    if (plain) plain = plain_timestamp(f.start[K_TIMESTP], f.length[K_TIMESTP], &day, &micro);
    if (plain) {
      c = record;
      if (!reserve(&s->ints, INTS * 4) || !reserve(&s->floats, FLOATS * 8)) return SCAN_MEMORY;
      int32_t row[INTS];
      double numbers[FLOATS];
      for (int key = 0; key < KEYS; key++) {
        int slot = STRING_SLOT[key];
        if (slot >= 0) {
          if (!f.present[key] || f.is_null[key]) row[slot] = 0;
          else if ((row[slot] = table_id(&s->strings, f.start[key], f.length[key])) < 0) return SCAN_MEMORY;
        } else if ((slot = COUNT_SLOT[key]) >= 0) {
          double value = -1;
          if (f.present[key] && !f.is_null[key]) {
            value = 0;
            for (size_t i = 0; i < f.length[key]; i++) value = value * 10 + (f.start[key][i] - '0');
          }
          numbers[slot] = value;
        }
      }
      row[I_INDEX] = (int32_t)k;
      numbers[F_DAY] = day;
      numbers[F_MICRO] = micro;
      memcpy(s->ints.data + s->ints.length, row, sizeof row);
      s->ints.length += sizeof row;
      memcpy(s->floats.data + s->floats.length, numbers, sizeof numbers);
      s->floats.length += sizeof numbers;
      if (want_lines) {
        /* A line is no longer than the element's text (keys and quotes dropped, at most two quotes added per field) plus the suffix. */
        if (!reserve(&s->lines, (size_t)(c.p - element) + suffix_length + 2 * KEYS + 8) || !reserve(&s->ends, 4)) return SCAN_MEMORY;
        /* COPY's text format (copy-csv.ts copyTextField): plain strings hold no backslash, tab or line break to escape. */
        Bytes *out = &s->lines;
        for (int column = 0; column < KEYS; column++) {
          int key = LINE_KEYS[column];
          if (column > 0) out->data[out->length++] = '\t';
          if (!f.present[key] || f.is_null[key]) {
            out->data[out->length++] = '\\';
            out->data[out->length++] = 'N';
          } else if (key == K_TIMESTP) {
            put_timestamp(out, f.start[key], f.length[key]);
          } else {
            memcpy(out->data + out->length, f.start[key], f.length[key]);
            out->length += f.length[key];
          }
        }
        memcpy(out->data + out->length, suffix, suffix_length);
        out->length += suffix_length;
        out->data[out->length++] = '\n';
        int32_t end = (int32_t)out->length;
        memcpy(s->ends.data + s->ends.length, &end, 4);
        s->ends.length += 4;
      }
    } else {
      /* Handed to JavaScript: element index and byte range. */
      if (!skip_value(&c) || c.p == element) return SCAN_SYNTAX;
      if (!reserve(&s->handed, 12)) return SCAN_MEMORY;
      int32_t triple[3] = { (int32_t)k, (int32_t)(element - bytes), (int32_t)(c.p - bytes) };
      memcpy(s->handed.data + s->handed.length, triple, 12);
      s->handed.length += 12;
    }
    *elements = k + 1;
    skip_ws(&c);
    if (c.p >= c.end) return SCAN_SYNTAX;
    if (*c.p == ']') {
      c.p++;
      skip_ws(&c);
      return c.p == c.end ? SCAN_OK : SCAN_SYNTAX;
    }
    if (*c.p != ',') return SCAN_SYNTAX;
    c.p++;
    skip_ws(&c);
  }
}

#define CHECK(call)                                 \
  do {                                              \
    if ((call) != napi_ok) return NULL;             \
  } while (0)

static napi_value typed_array(napi_env env, napi_typedarray_type type, size_t element_size, const Bytes *from) {
  void *data;
  napi_value buffer, array;
  CHECK(napi_create_arraybuffer(env, from->length, &data, &buffer));
  if (from->length > 0) memcpy(data, from->data, from->length);
  CHECK(napi_create_typedarray(env, type, from->length / element_size, buffer, 0, &array));
  return array;
}

static napi_value set(napi_env env, napi_value object, const char *name, napi_value value) {
  if (value == NULL || napi_set_named_property(env, object, name, value) != napi_ok) return NULL;
  return object;
}

/*
 * scan(table, bytes: Uint8Array, nextId: number, lineSuffix: string | null) -> null (not a JSON array
 * with elements, or a syntax error in what the scan took) | { elements, count, ints, floats,
 * newStrings, handed: Int32Array of (element index, start, end), lines?: Uint8Array, ends?: Int32Array }
 */
static napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value args[4], result, value;
  CHECK(napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  napi_valuetype table_type;
  if (argc < 4 || napi_typeof(env, args[0], &table_type) != napi_ok || table_type != napi_external) {
    napi_throw_type_error(env, NULL, "scan(table, bytes, nextId, lineSuffix)");
    return NULL;
  }
  State *s;
  CHECK(napi_get_value_external(env, args[0], (void **)&s));
  napi_value *argv = args + 1;
  napi_typedarray_type type;
  size_t size;
  void *bytes;
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &size, &bytes, NULL, NULL));
  if (type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "bytes must be a Uint8Array");
    return NULL;
  }
  int32_t next_id;
  CHECK(napi_get_value_int32(env, argv[1], &next_id));
  napi_valuetype suffix_type;
  CHECK(napi_typeof(env, argv[2], &suffix_type));
  char suffix[64];
  size_t suffix_length = 0;
  int want_lines = suffix_type == napi_string;
  if (want_lines) {
    CHECK(napi_get_value_string_utf8(env, argv[2], suffix, sizeof suffix, &suffix_length));
    if (suffix_length >= sizeof suffix - 1) {
      napi_throw_range_error(env, NULL, "line suffix too long");
      return NULL;
    }
  }

  Table *t = &s->strings;
  t->next = next_id;
  t->fresh.length = 0;
  uint32_t elements;
  ScanStatus status = scan(s, bytes, size, (const uint8_t *)suffix, suffix_length, want_lines, &elements);
  if (status != SCAN_OK) {
    /* Strings numbered by a failed scan were never reported: forget them all (rare: broken input). */
    table_clear(t);
    if (status == SCAN_MEMORY) {
      napi_throw_error(env, NULL, "out of memory in the region scanner");
      return NULL;
    }
    CHECK(napi_get_null(env, &result));
    return result;
  }
  CHECK(napi_create_object(env, &result));
  CHECK(napi_create_uint32(env, elements, &value));
  if (!set(env, result, "elements", value)) return NULL;
  CHECK(napi_create_uint32(env, (uint32_t)(s->ints.length / (INTS * 4)), &value));
  if (!set(env, result, "count", value)) return NULL;
  if (!set(env, result, "ints", typed_array(env, napi_int32_array, 4, &s->ints))) return NULL;
  if (!set(env, result, "floats", typed_array(env, napi_float64_array, 8, &s->floats))) return NULL;
  if (!set(env, result, "handed", typed_array(env, napi_int32_array, 4, &s->handed))) return NULL;
  if (want_lines) {
    if (!set(env, result, "lines", typed_array(env, napi_uint8_array, 1, &s->lines))) return NULL;
    if (!set(env, result, "ends", typed_array(env, napi_int32_array, 4, &s->ends))) return NULL;
  }
  size_t fresh = t->fresh.length / 8;
  napi_value strings;
  CHECK(napi_create_array_with_length(env, fresh, &strings));
  for (size_t i = 0; i < fresh; i++) {
    uint32_t pair[2];
    memcpy(pair, t->fresh.data + i * 8, 8);
    CHECK(napi_create_string_utf8(env, (const char *)t->arena.data + pair[0], pair[1], &value));
    CHECK(napi_set_element(env, strings, (uint32_t)i, value));
  }
  if (!set(env, result, "newStrings", strings)) return NULL;
  return result;
}

/* createTable() -> a string table of its own, freed with the object that holds it. */
static napi_value CreateTable(napi_env env, napi_callback_info info) {
  (void)info;
  State *s = calloc(1, sizeof(State));
  napi_value table;
  if (s == NULL) {
    napi_throw_error(env, NULL, "out of memory in the region scanner");
    return NULL;
  }
  if (napi_create_external(env, s, state_free, NULL, &table) != napi_ok) {
    state_free(env, s, NULL);
    return NULL;
  }
  return table;
}

NAPI_MODULE_INIT() {
  for (int k = 0; k < KEYS; k++) KEY_LENGTHS[k] = strlen(KEY_NAMES[k]);
  napi_value fn;
  if (napi_create_function(env, "scan", NAPI_AUTO_LENGTH, Scan, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "scan", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "createTable", NAPI_AUTO_LENGTH, CreateTable, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "createTable", fn) != napi_ok) return NULL;
  return exports;
}
