package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/sqlite"
	"github.com/ruydad/ruydad/internal/web"
)

// benchNationalProvinces are the provinces of the national bench's fill
// (ruydad bench --national), as its province months route picks them.
var benchNationalProvinces = strings.Split(`تهران,خراسان رضوی,اصفهان,خوزستان,فارس,آذربایجان شرقی,مازندران,کرمان,`+
	`آذربایجان غربی,گیلان,سیستان و بلوچستان,البرز,گلستان,کرمانشاه,همدان,کردستان,هرمزگان,اردبیل,لرستان,بوشهر,قزوین,`+
	`مرکزی,قم,یزد,زنجان,خراسان جنوبی,خراسان شمالی,چهارمحال و بختیاری,سمنان,کهگیلویه و بویراحمد,ایلام`, ",")

// benchNationalOrgs are a few of its organizations, small and large.
var benchNationalOrgs = []string{"وزارت آموزش و پرورش", "اداره کل استاندارد استان سمنان", "شرکت شهرک‌های صنعتی استان لرستان",
	"دانشگاه علوم پزشکی کرمانشاه", "اداره کل منابع طبیعی و آبخیزداری استان گلستان"}

// openNational opens the national file RUYDAD_NATIONAL_DB names (a copy:
// opening it migrates), closed when b ends; it skips b without it.
func openNational(b *testing.B) *sqlite.DB {
	b.Helper()
	path := os.Getenv("RUYDAD_NATIONAL_DB")
	if path == "" {
		b.Skip("RUYDAD_NATIONAL_DB names no national file")
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkMonthPageNational requests month pages of the national file
// RUYDAD_NATIONAL_DB names (a copy: opening it migrates) as the national
// bench's province and organization months do, for an anonymous reader,
// each cold (a new day each time, which empties the kept bodies): the
// months of 1400–1409 in turn, each with the next province (or
// organization). Skipped without the file.
func BenchmarkMonthPageNational(b *testing.B) {
	db := openNational(b)
	var days atomic.Int64
	now := func() time.Time { return fixedNow.AddDate(0, 0, int(days.Load())) }
	h := web.New(uc(db), web.Config{Now: now, Logger: discardLogger(), BaseURL: "https://ruydad.example"})
	for _, route := range []struct {
		name, param string
		values      []string
	}{{"province", "province", benchNationalProvinces}, {"organization", "organization", benchNationalOrgs}} {
		b.Run(route.name, func(b *testing.B) {
			var bytes int64
			i := 0
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				days.Add(1)
				u := "/calendar/" + strconv.Itoa(1400+i/12%10) + "/" + strconv.Itoa(1+i%12) + "?" + route.param + "=" +
					url.QueryEscape(route.values[i%len(route.values)])
				bytes += serve(b, h, httptest.NewRequest(http.MethodGet, u, nil), http.StatusOK)
				i++
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(bytes)/float64(b.N), "bytes/op")
		})
	}
}

// reportCPU reports the process's CPU time per op since start (cpuTime),
// when it is measured.
func reportCPU(b *testing.B, start time.Duration) {
	if end := cpuTime(); end > start {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}
