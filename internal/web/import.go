package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/ruydad/ruydad/internal/domain"
	"github.com/ruydad/ruydad/internal/ical"
	"github.com/ruydad/ruydad/internal/jalali"
	"github.com/ruydad/ruydad/views"
)

// maxICSBytes bounds an uploaded .ics file.
const maxICSBytes = 5 << 20

func (s *Server) handleImportPage(c echo.Context) error {
	v := views.ImportView{}
	if n, err := strconv.Atoi(c.QueryParam("created")); err == nil {
		skipped, _ := strconv.Atoi(c.QueryParam("skipped"))
		v.Result = jalali.FaNum(n) + " رویداد افزوده شد."
		if skipped > 0 {
			v.Result += " " + jalali.FaNum(skipped) + " رویداد پیش‌تر در تقویم بود و دوباره افزوده نشد."
		}
	}
	v.Page = s.page(c, "ورود از iCal", "import")
	return s.render(c, http.StatusOK, views.ImportPage(v))
}

// handleImportICS adds the events of an uploaded .ics file, all or none.
func (s *Server) handleImportICS(c echo.Context) error {
	fail := func(msg string, details ...string) error {
		v := views.ImportView{Error: msg, Details: details}
		v.Page = s.page(c, "ورود از iCal", "import")
		return s.render(c, http.StatusUnprocessableEntity, views.ImportPage(v))
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return fail("فایلی انتخاب نشده است.")
	}
	if fh.Size > maxICSBytes {
		return fail("فایل بزرگ‌تر از ۵ مگابایت است.")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	events, err := ical.Parse(f)
	if errors.Is(err, ical.ErrMalformed) {
		return fail("این فایل iCal معتبر نیست یا ناقص است؛ هیچ رویدادی افزوده نشد.")
	}
	if err != nil {
		return err
	}
	if len(events) == 0 {
		return fail("در این فایل رویدادی پیدا نشد.")
	}
	var details []string
	for _, e := range events {
		if verr, ok := e.Validate().(domain.ValidationError); ok {
			for _, msg := range verr {
				details = append(details, "«"+e.Title+"»: "+msg)
			}
		}
	}
	if len(details) > 0 {
		return fail("برخی رویدادهای این فایل معتبر نیستند؛ هیچ رویدادی افزوده نشد.", details...)
	}
	created, skipped, err := s.store.ImportEvents(c.Request().Context(), events)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/import?created="+strconv.Itoa(created)+"&skipped="+strconv.Itoa(skipped))
}
