package sqlite

import (
	"context"
	"strings"
	"testing"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/jalali"
)

// nationalProvinces are the 31 provinces the national calendar's events
// are spread over.
var nationalProvinces = strings.Fields(`آذربایجان‌شرقی آذربایجان‌غربی اردبیل اصفهان البرز ایلام بوشهر تهران
چهارمحال‌وبختیاری خراسان‌جنوبی خراسان‌رضوی خراسان‌شمالی خوزستان زنجان سمنان سیستان‌وبلوچستان فارس قزوین قم
کردستان کرمان کرمانشاه کهگیلویه‌وبویراحمد گلستان گیلان لرستان مازندران مرکزی هرمزگان همدان یزد`)

// fillNational stores n confirmed one-day and short events over the ten
// years from 1400, in the 31 provinces and from 1,500 organizations, as
// the national dataset has them; written by one SQL statement, as the use
// cases' checks would take minutes for a million.
func fillNational(tb testing.TB, d *DB, n int) {
	tb.Helper()
	if len(nationalProvinces) != 31 {
		tb.Fatalf("%d provinces", len(nationalProvinces))
	}
	ctx := context.Background()
	if _, err := d.w.ExecContext(ctx, `CREATE TEMP TABLE provinces (i INTEGER PRIMARY KEY, name TEXT)`); err != nil {
		tb.Fatal(err)
	}
	for i, p := range nationalProvinces {
		if _, err := d.w.ExecContext(ctx, `INSERT INTO temp.provinces (i, name) VALUES (?, ?)`, i, p); err != nil {
			tb.Fatal(err)
		}
	}
	kinds := make([]string, len(domain.Kinds))
	for i, k := range domain.Kinds {
		kinds[i] = `"` + string(k) + `"`
	}
	_, err := d.w.ExecContext(ctx, `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
INSERT INTO events (uid, title, kind, start_date, end_date, province, organization, status, created_at, updated_at)
SELECT 'national-' || i, 'رویداد ملی شماره ' || i, json_extract('[`+strings.Join(kinds, ",")+`]', '$[' || (i % 12) || ']'),
  date(?, '+' || ((i * 7919) % 3650) || ' days'), date(?, '+' || ((i * 7919) % 3650 + i % 3) || ' days'),
  (SELECT name FROM temp.provinces WHERE i = n.i % 31), 'سازمان ' || (i % 1500), 'confirmed',
  '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM n`, n, jalali.MustNew(1400, 1, 1).ISO(), jalali.MustNew(1400, 1, 1).ISO())
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := d.w.ExecContext(ctx, `UPDATE events SET province_key = search_key(province), organization_key = search_key(organization)`); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkFilteredMonthNational is a month of a million-event national
// calendar narrowed to a province, an organization or a kind, as a cold
// filtered month page reads it.
func BenchmarkFilteredMonthNational(b *testing.B) {
	d := open(b)
	fillNational(b, d, 1_000_000)
	ctx := context.Background()
	from, to := jalali.MustNew(1404, 6, 29), jalali.MustNew(1404, 8, 2)
	for _, f := range []struct {
		name string
		f    domain.EventFilter
	}{{"none", domain.EventFilter{}}, {"province", domain.EventFilter{Province: "همدان"}},
		{"organization", domain.EventFilter{Organization: "سازمان 77"}}, {"kind", domain.EventFilter{Kind: domain.KindMeeting}}} {
		b.Run(f.name, func(b *testing.B) {
			n := 0
			b.ReportAllocs()
			for b.Loop() {
				got, err := d.BriefsBetween(ctx, from, to, f.f)
				if err != nil {
					b.Fatal(err)
				}
				n = len(got)
			}
			b.ReportMetric(float64(n), "events/op")
		})
	}
	// A month page without a place's filter reads whole only what it
	// shows (BriefsShown): here 400 of the month's events, spread over it,
	// as its bars and its chosen day's list are.
	b.Run("none shown", func(b *testing.B) {
		n := 0
		b.ReportAllocs()
		for b.Loop() {
			got, err := d.BriefsShown(ctx, from, to, domain.EventFilter{}, func(all []domain.Brief) []int64 {
				ids := make([]int64, 0, 400)
				for i := 0; i < 400 && i < len(all); i++ {
					ids = append(ids, all[i*len(all)/400].ID)
				}
				return ids
			})
			if err != nil {
				b.Fatal(err)
			}
			n = len(got)
		}
		b.ReportMetric(float64(n), "events/op")
	})
}
