package hijri

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"1446/1/9", Date{1446, 1, 9}, true},
		{"1446/01/09", Date{1446, 1, 9}, true},
		{"۱۴۴۶/۰۱/۰۹", Date{1446, 1, 9}, true},
		{"١٤٤٦/١/٩", Date{1446, 1, 9}, true},
		{" 1446-12-30 ", Date{1446, 12, 30}, true},
		{"1/1/1", Date{1, 1, 1}, true},
		{"1446/13/1", Date{}, false},
		{"1446/0/1", Date{}, false},
		{"1446/1/31", Date{}, false},
		{"1446/1/0", Date{}, false},
		{"0/1/1", Date{}, false},
		{"1446/1", Date{}, false},
		{"1446/1/9/1", Date{}, false},
		{"1446//9", Date{}, false},
		{"1446/1/+9", Date{}, false},
		{"14460/1/9", Date{}, false},
		{"1446/001/9", Date{}, false},
		{"a/b/c", Date{}, false},
		{"", Date{}, false},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.ok != (err == nil) || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) error %v does not wrap ErrInvalid", tt.in, err)
		}
	}
}

func TestParseMonth(t *testing.T) {
	tests := []struct {
		in   string
		want Month
		ok   bool
	}{
		{"1448/10", Month{1448, 10}, true},
		{"۱۴۴۸/۱۰", Month{1448, 10}, true},
		{"1448-1", Month{1448, 1}, true},
		{"1448/13", Month{}, false},
		{"1448/0", Month{}, false},
		{"1448", Month{}, false},
		{"1448/10/1", Month{}, false},
		{"x/10", Month{}, false},
	}
	for _, tt := range tests {
		got, err := ParseMonth(tt.in)
		if tt.ok != (err == nil) || got != tt.want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseMonth(%q) error %v does not wrap ErrInvalid", tt.in, err)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		d                    Date
		str, format, fmShort string
	}{
		{Date{1446, 1, 9}, "1446/01/09", "۹ محرم ۱۴۴۶", "۹ محرم"},
		{Date{1445, 10, 1}, "1445/10/01", "۱ شوال ۱۴۴۵", "۱ شوال"},
		{Date{1447, 3, 12}, "1447/03/12", "۱۲ ربیع\u200cالاول ۱۴۴۷", "۱۲ ربیع\u200cالاول"},
		{Date{1448, 12, 30}, "1448/12/30", "۳۰ ذی\u200cالحجه ۱۴۴۸", "۳۰ ذی\u200cالحجه"},
		{Date{980, 5, 2}, "0980/05/02", "۲ جمادی\u200cالاول ۹۸۰", "۲ جمادی\u200cالاول"},
		{Date{}, "", "", ""},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.str {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.str)
		}
		if got := tt.d.Format(); got != tt.format {
			t.Errorf("%#v.Format() = %q, want %q", tt.d, got, tt.format)
		}
		if got := tt.d.FormatShort(); got != tt.fmShort {
			t.Errorf("%#v.FormatShort() = %q, want %q", tt.d, got, tt.fmShort)
		}
		if !tt.d.IsZero() {
			if back, err := Parse(tt.d.String()); err != nil || back != tt.d {
				t.Errorf("Parse(%q) = %v, %v", tt.d.String(), back, err)
			}
		}
	}
}

func TestMonth(t *testing.T) {
	tests := []struct {
		m           Month
		str, format string
	}{
		{Month{1448, 10}, "1448/10", "شوال ۱۴۴۸"},
		{Month{1447, 9}, "1447/9", "رمضان ۱۴۴۷"},
		{Month{1449, 11}, "1449/11", "ذی\u200cالقعده ۱۴۴۹"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("%#v.String() = %q, want %q", tt.m, got, tt.str)
		}
		if got := tt.m.Format(); got != tt.format {
			t.Errorf("%#v.Format() = %q, want %q", tt.m, got, tt.format)
		}
		if got := MonthAt(tt.m.Index()); got != tt.m {
			t.Errorf("MonthAt(%v.Index()) = %v", tt.m, got)
		}
	}
	if got := (Month{1448, 12}).Add(1); got != (Month{1449, 1}) {
		t.Errorf("1448/12 + 1 = %v", got)
	}
	if got := (Month{1449, 1}).Add(-13); got != (Month{1447, 12}) {
		t.Errorf("1449/1 - 13 = %v", got)
	}
}

func TestMonthName(t *testing.T) {
	want := []string{"", "محرم", "صفر", "ربیع\u200cالاول", "ربیع\u200cالثانی", "جمادی\u200cالاول", "جمادی\u200cالثانی",
		"رجب", "شعبان", "رمضان", "شوال", "ذی\u200cالقعده", "ذی\u200cالحجه", ""}
	for m, w := range want {
		if got := MonthName(m); got != w {
			t.Errorf("MonthName(%d) = %q, want %q", m, got, w)
		}
	}
	if got := MonthName(-1); got != "" {
		t.Errorf("MonthName(-1) = %q", got)
	}
}
