package jalali

import (
	"errors"
	"testing"
)

// FuzzParse: Parse never panics; it fails only with ErrInvalid; a date it
// accepts exists, and comes back unchanged through String, Persian digits
// and the Gregorian ISO form; Persian and Latin digits parse alike.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1403/02/27", "۱۴۰۳/۰۲/۲۷", "١٤٠٣-٠٢-٢٧", " 1403-2-27 ", "1403/12/30", "1404/12/30",
		"3000/12/29", "3001/01/01", "1403/+2/27", "1403//27", "-1403/01/01", "۱۴۰۳/۱۲/۳۰"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Parse(%q) error %v does not wrap ErrInvalid", s, err)
			}
			if d != (Date{}) {
				t.Fatalf("Parse(%q) failed but returned %v", s, d)
			}
		} else {
			if !d.Valid() || d.IsZero() {
				t.Fatalf("Parse(%q) = %+v, which is not a valid date", s, d)
			}
			for _, form := range []string{d.String(), d.FormatNumeric()} {
				if back, err := Parse(form); err != nil || back != d {
					t.Fatalf("Parse(%q) = %v; Parse(%q) = %v, %v", s, d, form, back, err)
				}
			}
			if back, err := ParseISO(d.ISO()); err != nil || back != d {
				t.Fatalf("Parse(%q) = %v; its ISO form %q reads back as %v, %v", s, d, d.ISO(), back, err)
			}
		}
		if fa, faErr := Parse(FaDigits(s)); fa != d || (faErr == nil) != (err == nil) {
			t.Fatalf("Parse(%q) = %v, %v but with Persian digits %v, %v", s, d, err, fa, faErr)
		}
	})
}
