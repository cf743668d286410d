package web_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/ruydad/ruydad/internal/web"
)

// BenchmarkReviewNational requests the review queue's pages 1 to 20, as
// the national bench's route "review" does, from the national file
// RUYDAD_NATIONAL_DB names (a copy that may be migrated in place);
// skipped without it. cpu-ns/op is the processor time a page took.
func BenchmarkReviewNational(b *testing.B) {
	db := openNational(b)
	h := web.New(uc(db), web.Config{Now: func() time.Time { return fixedNow }, Logger: discardLogger(), BaseURL: "https://ruydad.example"})
	b.ReportAllocs()
	cpu := processCPU(b)
	i := 0
	for b.Loop() {
		b.SetBytes(serve(b, h, httptest.NewRequest(http.MethodGet, "/review?page="+strconv.Itoa(1+i%20), nil), http.StatusOK))
		i++
	}
	b.ReportMetric(float64(processCPU(b)-cpu)/float64(b.N), "cpu-ns/op")
}
