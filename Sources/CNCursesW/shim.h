// C accessors for the parts of wide-character ncurses that Swift cannot import directly
// (function-like macros, macros over globals, the ACS/WACS tables).
// Editing only this header does not trigger a rebuild: touch a Swift file in CallScopeTUI too.
#ifndef CALLSCOPE_CNCURSESW_SHIM_H
#define CALLSCOPE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>
#undef lines   /* term.h defines `lines`/`columns` as macros over cur_term: keep them out of Swift */
#undef columns

// Globals.
static inline FILE *cs_stdout(void) { return stdout; }
static inline FILE *cs_stdin(void) { return stdin; }
static inline WINDOW *cs_stdscr(void) { return stdscr; }
static inline WINDOW *cs_curscr(void) { return curscr; }
static inline int cs_LINES(void) { return LINES; }
static inline int cs_COLS(void) { return COLS; }
static inline int cs_COLORS(void) { return COLORS; }
static inline int cs_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline void cs_set_escdelay(int ms) { set_escdelay(ms); }

// Constants that are macros Swift does not import (or imports with the wrong type).
static inline int cs_ERR(void) { return ERR; }
static inline int cs_OK(void) { return OK; }
static inline int cs_KEY_CODE_YES(void) { return KEY_CODE_YES; }
static inline int cs_KEY_F(int n) { return KEY_F(n); }
static inline int cs_KEY_F0(void) { return KEY_F0; }
static inline int cs_KEY_RESIZE(void) { return KEY_RESIZE; }
static inline int cs_KEY_MOUSE(void) { return KEY_MOUSE; }

// Attributes (attr_t).
static inline attr_t cs_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t cs_A_BOLD(void) { return A_BOLD; }
static inline attr_t cs_A_DIM(void) { return A_DIM; }
static inline attr_t cs_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t cs_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t cs_A_BLINK(void) { return A_BLINK; }
static inline attr_t cs_A_STANDOUT(void) { return A_STANDOUT; }
static inline attr_t cs_A_ALTCHARSET(void) { return A_ALTCHARSET; }
#ifdef A_ITALIC
static inline attr_t cs_A_ITALIC(void) { return A_ITALIC; }
#else
static inline attr_t cs_A_ITALIC(void) { return A_NORMAL; }
#endif
static inline int cs_COLOR_PAIR(int n) { return COLOR_PAIR(n); }

// Geometry.
static inline void cs_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

// Mouse.
static inline mmask_t cs_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t cs_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t cs_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t cs_BUTTON1_DOUBLE_CLICKED(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t cs_BUTTON2_PRESSED(void) { return BUTTON2_PRESSED; }
static inline mmask_t cs_BUTTON2_CLICKED(void) { return BUTTON2_CLICKED; }
static inline mmask_t cs_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
static inline mmask_t cs_BUTTON3_CLICKED(void) { return BUTTON3_CLICKED; }
static inline mmask_t cs_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t cs_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t cs_BUTTON5_PRESSED(void) { return 0; }
#endif
static inline mmask_t cs_BUTTON_SHIFT(void) { return BUTTON_SHIFT; }
static inline mmask_t cs_BUTTON_CTRL(void) { return BUTTON_CTRL; }
static inline mmask_t cs_BUTTON_ALT(void) { return BUTTON_ALT; }

/// Reads the pending mouse event into plain ints (MEVENT's field names differ across builds).
static inline int cs_getmouse(int *y, int *x, unsigned long *bstate) {
    MEVENT ev;
    int rc = getmouse(&ev);
    if (rc == OK) { *y = ev.y; *x = ev.x; *bstate = (unsigned long)ev.bstate; }
    return rc;
}

// Wide-character drawing. `text` is the cell's base character followed by up to
// CCHARW_MAX-1 zero-width characters, NUL-terminated.
static inline int cs_mvadd_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t c;
    int ext = pair;
    if (setcchar(&c, text, attrs, (short)(pair > 32767 ? 0 : pair), &ext) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &c);
}

/// Draws one line-drawing character through ncurses' WACS table (`which` is the VT100 ACS
/// letter: 'q' ─, 'x' │, 'l' ┌, 'k' ┐, 'm' └, 'j' ┘, 't' ├, 'u' ┤, 'w' ┬, 'v' ┴, 'n' ┼), so that
/// ncurses picks Unicode or the terminal's alternate character set as the terminal needs.
static inline int cs_mvadd_wacs(int y, int x, char which, attr_t attrs, int pair) {
    const cchar_t *src = 0;
    switch (which) {
    case 'q': src = WACS_HLINE; break;
    case 'x': src = WACS_VLINE; break;
    case 'l': src = WACS_ULCORNER; break;
    case 'k': src = WACS_URCORNER; break;
    case 'm': src = WACS_LLCORNER; break;
    case 'j': src = WACS_LRCORNER; break;
    case 't': src = WACS_LTEE; break;
    case 'u': src = WACS_RTEE; break;
    case 'w': src = WACS_TTEE; break;
    case 'v': src = WACS_BTEE; break;
    case 'n': src = WACS_PLUS; break;
    default: return ERR;
    }
    wchar_t wch[CCHARW_MAX + 1];
    attr_t a = 0;
    short p = 0;
    if (getcchar(src, wch, &a, &p, 0) == ERR) return ERR;
    cchar_t c;
    int ext = pair;
    if (setcchar(&c, wch, a | attrs, (short)(pair > 32767 ? 0 : pair), &ext) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &c);
}

static inline int cs_CCHARW_MAX(void) { return CCHARW_MAX; }

// terminfo string capabilities, for the emergency restore written from a signal handler.
static inline const char *cs_tigetstr(const char *cap) {
    char *s = tigetstr(cap);
    if (s == (char *)-1 || s == 0) return 0;
    return s;
}

// The C library's idea of a character's width (declared here because glibc hides it unless
// _XOPEN_SOURCE was defined before the first include of <wchar.h>).
extern int wcwidth(wchar_t c);
static inline int cs_wcwidth(wchar_t c) { return wcwidth(c); }

// Locale.
static inline const char *cs_codeset(void) { return nl_langinfo(CODESET); }
static inline int cs_LC_ALL(void) { return LC_ALL; }
static inline int cs_LC_CTYPE(void) { return LC_CTYPE; }

#endif
