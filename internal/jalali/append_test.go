package jalali

import (
	"testing"
)

// TestAppendsWriteAsStrings checks the appending forms write what the
// string forms return, for every day of two years, a zero date, numbers
// and a date with a negative part.
func TestAppendsWriteAsStrings(t *testing.T) {
	dates := []Date{{}, {Year: -3, Month: 1, Day: 2}}
	for d := MustNew(1402, 11, 1); d.Before(MustNew(1404, 2, 1)); d = d.Next() {
		dates = append(dates, d)
	}
	for _, d := range dates {
		for _, c := range []struct{ got, want string }{
			{string(d.AppendString([]byte("x"))), "x" + d.String()},
			{string(d.AppendFormat([]byte("x"))), "x" + d.Format()},
			{string(d.AppendFormatLong([]byte("x"))), "x" + d.FormatLong()},
		} {
			if c.got != c.want {
				t.Errorf("%#v: %q, want %q", d, c.got, c.want)
			}
		}
	}
	for _, n := range []int{0, 7, 10, 1403, -25, 1 << 40} {
		if got, want := string(AppendFaNum(nil, n)), FaNum(n); got != want {
			t.Errorf("AppendFaNum(%d) = %q, want %q", n, got, want)
		}
	}
	if got, want := string(AppendFaDigits(nil, "ساعت 09:30")), FaDigits("ساعت 09:30"); got != want {
		t.Errorf("AppendFaDigits = %q, want %q", got, want)
	}
}

// TestAppendDaySpan checks the three shapes of a span without its year.
func TestAppendDaySpan(t *testing.T) {
	for _, c := range []struct {
		start, end Date
		want       string
	}{
		{MustNew(1403, 4, 26), MustNew(1403, 4, 26), "۲۶ تیر"},
		{MustNew(1403, 6, 2), MustNew(1403, 6, 8), "۲ تا ۸ شهریور"},
		{MustNew(1403, 6, 31), MustNew(1403, 7, 6), "۳۱ شهریور تا ۶ مهر"},
		{MustNew(1403, 12, 28), MustNew(1404, 1, 3), "۲۸ اسفند تا ۳ فروردین"},
	} {
		if got := string(AppendDaySpan(nil, c.start, c.end)); got != c.want {
			t.Errorf("%v..%v: %q, want %q", c.start, c.end, got, c.want)
		}
	}
}
