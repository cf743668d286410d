package views

import (
	"strconv"

	"github.com/ruydad/ruydad/internal/jalali"
)

// The month page's body is written here by hand, byte for byte as the
// template MonthBody writes it (TestMonthBodySame compares them over many
// views; the golden pages hold the result): a page of a province or an
// organization not yet kept spent a third of its time in templ's writing of
// its few hundred values, two allocations each and a class list's map
// (issue 18). MonthBody stays, the reference the page is checked against.

// AppendMonthBody appends the month page inside the layout (MonthBody's
// bytes) to b.
func AppendMonthBody(b []byte, v *MonthView) []byte {
	b = append(b, `<div class="month-head"><h1 data-testid="month-title">`...)
	b = appendEscaped(b, v.Title)
	b = append(b, `</h1><p class="sub">`...)
	b = append(appendEscaped(b, v.GregorianSpan), ' ')
	if v.HijriSpan != "" {
		b = append(b, `<span class="sep" aria-hidden="true">·</span> <span data-testid="hijri-span">`...)
		b = append(appendEscaped(b, v.HijriSpan), `</span> `...)
		if v.HijriProvisional {
			b = append(b, `<span class="provisional" title="آغاز ماه قمری در ایران با رؤیت هلال اعلام می‌شود؛ این تاریخ پیش‌بینی است و ممکن است یک روز جابه‌جا شود.">(پیش‌بینی)</span>`...)
		}
	}
	b = append(b, `</p></div><div class="toolbar"><nav class="pager" aria-label="ماه‌ها">`...)
	if v.PrevURL != "" {
		b = append(appendEscaped(append(b, `<a href="`...), v.PrevURL), `" rel="prev" data-testid="prev-month"><span aria-hidden="true">→</span> `...)
		b = append(appendEscaped(b, v.PrevLabel), `</a> `...)
	}
	b = append(appendEscaped(append(b, `<a href="`...), v.TodayURL), `" data-testid="this-month">امروز</a> <a href="`...)
	b = append(appendEscaped(b, v.YearURL), `" data-testid="year-link">کل سال</a> `...)
	if v.NextURL != "" {
		b = append(appendEscaped(append(b, `<a href="`...), v.NextURL), `" rel="next" data-testid="next-month">`...)
		b = append(appendEscaped(b, v.NextLabel), ` <span aria-hidden="true">←</span></a>`...)
	}
	b = append(appendEscaped(append(b, `</nav><form class="jump" method="get" action="`...), CalendarURL),
		`" data-testid="jump"><label for="jump-month">ماه</label> <select id="jump-month" name="month">`...)
	for m := 1; m <= 12; m++ {
		b = append(strconv.AppendInt(append(b, `<option value="`...), int64(m), 10), '"')
		if m == v.Month {
			b = append(b, ` selected`...)
		}
		b = append(appendEscaped(append(b, '>'), jalali.MonthName(m)), `</option>`...)
	}
	b = append(b, `</select> <label for="jump-year">سال</label> <input id="jump-year" name="year" inputmode="numeric" size="5" value="`...)
	b = append(jalali.AppendFaNum(b, v.JumpYear), `">`...)
	b = appendFilterHidden(b, &v.Filter)
	b = append(b, `<button type="submit">برو</button></form>`...)
	b = appendViewSwitch(b, &v.Views)
	b = append(b, `<div class="actions">`...)
	if v.NewEventURL != "" {
		b = append(appendEscaped(append(b, `<a class="button add-button" href="`...), v.NewEventURL), `" data-testid="new-event">+ رویداد تازه</a> `...)
	}
	b = append(b, `<button type="button" class="secondary" data-print data-testid="print">چاپ</button> `...)
	if v.ToggleProposedURL != "" {
		b = append(appendEscaped(append(b, `<a href="`...), v.ToggleProposedURL), `" data-testid="toggle-proposed">`...)
		if v.ShowProposed {
			b = append(b, `پنهان کردن پیشنهادی‌ها`...)
		} else {
			b = append(b, `نمایش پیشنهادی‌ها`...)
		}
		b = append(b, `</a>`...)
	}
	b = append(b, `</div></div>`...)
	b = appendFilterForm(b, &v.Filter)
	b = append(appendEscaped(append(b, `<table class="month" role="table" data-testid="month"><caption class="visually-hidden">`...), v.Title), `</caption>`...)
	b = appendWeekdayHead(b, v.Weekdays[:])
	b = append(b, `<tbody role="rowgroup">`...)
	var raw, q string // the cells' query, and escaped, once for them all
	for i := range v.Weeks {
		b = append(b, `<tr role="row">`...)
		for j := range v.Weeks[i] {
			d := &v.Weeks[i][j]
			if d.Query != raw {
				raw, q = d.Query, escaped(d.Query)
			}
			b = appendCell(b, d, q)
		}
		b = append(b, `</tr>`...)
	}
	b = append(b, `</tbody></table>`...)
	b = appendKindLegend(b, v.Filter.Kinds)
	b = appendDayListSection(b, &v.Chosen)
	if len(v.Occasions) > 0 {
		b = append(b, `<section class="month-occasions" aria-labelledby="month-occasions-title"><h2 id="month-occasions-title">مناسبت‌های `...)
		b = append(appendEscaped(b, v.Title), `</h2><ul data-testid="month-occasions">`...)
		for i := range v.Occasions {
			o := &v.Occasions[i]
			b = appendHolidayClass(append(b, `<li class="`...), o.Holiday)
			b = append(appendEscaped(append(b, `" data-testid="month-occasion"><a class="when" href="`...), o.DayURL), `">`...)
			b = append(appendEscaped(b, o.When), `</a>`...)
			b = appendOccasionName(b, &o.OccasionChip)
			if o.Holiday {
				b = append(b, `<span class="badge">تعطیل</span> `...)
			}
			if o.Province != "" {
				b = append(appendEscaped(append(b, `<span class="meta">`...), o.Province), `</span>`...)
			}
			b = append(b, `</li>`...)
		}
		b = append(b, `</ul></section>`...)
	}
	b = append(appendEscaped(append(b, `<p class="feed-links"><a href="`...), v.FeedURL), "\" data-testid=\"ics-download\" download>دریافت فایل \u200e.ics</a> <a href=\""...)
	return append(appendEscaped(b, v.SubscribeURL), `" data-testid="ics-subscribe">اشتراک در برنامهٔ تقویم (Google، Apple، Outlook)</a></p>`...)
}

// appendFilterHidden appends filterHidden's fields.
func appendFilterHidden(b []byte, f *FilterView) []byte {
	if f.Kind != "" {
		b = append(appendEscaped(append(b, `<input type="hidden" name="kind" value="`...), f.Kind), `"> `...)
	}
	if f.Province != "" {
		b = append(appendEscaped(append(b, `<input type="hidden" name="province" value="`...), f.Province), `"> `...)
	}
	if f.Organization != "" {
		b = append(appendEscaped(append(b, `<input type="hidden" name="organization" value="`...), f.Organization), `"> `...)
	}
	if f.Proposed {
		b = append(b, `<input type="hidden" name="proposed" value="1">`...)
	}
	return b
}

// appendFilterForm appends filterForm's fold and form.
func appendFilterForm(b []byte, f *FilterView) []byte {
	b = append(b, `<details class="filters-fold"`...)
	if f.Active {
		b = append(b, ` open`...)
	}
	b = append(b, ` data-testid="filters-fold"><summary>فیلتر `...)
	if f.Active {
		b = append(b, `<span class="meta">(فعال)</span>`...)
	}
	b = append(appendEscaped(append(b, `</summary><form class="filters" method="get" action="`...), f.Action),
		`" data-testid="filters"><div class="field"><label for="flt-kind">نوع</label> <select id="flt-kind" name="kind"><option value="">همه</option> `...)
	for _, k := range f.Kinds {
		b = append(appendEscaped(append(b, `<option value="`...), k.Value), '"')
		if f.Kind == k.Value {
			b = append(b, ` selected`...)
		}
		b = append(appendEscaped(append(b, '>'), k.Label), `</option>`...)
	}
	b = append(b, `</select></div><div class="field"><label for="flt-province">استان</label> <input id="flt-province" name="province" value="`...)
	b = append(appendEscaped(b, f.Province), `" size="10"></div><div class="field"><label for="flt-org">سازمان</label> <input id="flt-org" name="organization" value="`...)
	b = append(appendEscaped(b, f.Organization), `" size="12"></div>`...)
	if f.Proposed {
		b = append(b, `<input type="hidden" name="proposed" value="1"> `...)
	}
	b = append(b, `<button type="submit">اعمال فیلتر</button> `...)
	if f.Active {
		b = append(appendEscaped(append(b, `<a href="`...), f.ClearURL), `" data-testid="clear-filters">همه رویدادها</a>`...)
	}
	return append(b, `</form></details>`...)
}

// appendViewSwitch appends viewSwitch's links.
func appendViewSwitch(b []byte, v *ViewSwitch) []byte {
	b = append(b, `<nav class="views" aria-label="نما" data-testid="views">`...)
	b = appendNavLink(b, v.MonthURL, "ماه", v.Current == "month")
	b = appendNavLink(b, v.WeekURL, "هفته", v.Current == "week")
	b = appendNavLink(b, v.DayURL, "روز", v.Current == "day")
	return append(b, `</nav>`...)
}

// appendNavLink appends navLink's link.
func appendNavLink(b []byte, href, label string, current bool) []byte {
	b = appendEscaped(append(b, `<a href="`...), href)
	if current {
		b = append(b, `" aria-current="page">`...)
	} else {
		b = append(b, `">`...)
	}
	return append(appendEscaped(b, label), `</a>`...)
}

// appendWeekdayHead appends weekdayHead's row.
func appendWeekdayHead(b []byte, names []string) []byte {
	b = append(b, `<thead role="rowgroup"><tr role="row">`...)
	for i, w := range names {
		b = append(b, `<th scope="col" role="columnheader" class="`...)
		if i == 6 {
			b = append(b, `fri`...)
		}
		b = append(appendEscaped(append(b, `">`...), w), `</th>`...)
	}
	return append(b, `</tr></thead>`...)
}

// appendKindLegend appends kindLegend's list.
func appendKindLegend(b []byte, kinds []Option) []byte {
	b = append(b, `<ul class="legend" data-testid="legend" aria-label="راهنمای رنگ‌ها و نشانه‌ها">`...)
	for _, k := range kinds {
		b = append(appendEscaped(append(b, `<li class="ev k-`...), k.Value), `" data-testid="legend-kind">`...)
		b = append(appendEscaped(b, k.Label), `</li>`...)
	}
	return append(b, `<li><span class="sw holiday"></span> جمعه و تعطیل رسمی</li><li><span class="sw occasion"></span> مناسبت‌های تقویم</li><li><span class="sw proposed"></span> رویداد پیشنهادی (بازبینی‌نشده)</li><li class="legend-hijri">عدد کوچک پایین: تاریخ قمری</li></ul>`...)
}

// appendDayListSection appends dayListSection's list.
func appendDayListSection(b []byte, l *DayList) []byte {
	b = append(b, `<section class="day-list" id="day-list" aria-labelledby="day-list-title" data-testid="day-list"><h2 id="day-list-title"><a href="`...)
	b = append(appendEscaped(b, l.URL), `">`...)
	b = append(appendEscaped(b, l.Heading), `</a></h2>`...)
	if len(l.Occasions) > 0 {
		b = append(b, `<ul class="occ-list">`...)
		for i := range l.Occasions {
			b = appendHolidayClass(append(b, `<li class="`...), l.Occasions[i].Holiday)
			b = append(appendEscaped(append(b, `">`...), l.Occasions[i].Name), `</li>`...)
		}
		b = append(b, `</ul>`...)
	}
	if len(l.Events) == 0 {
		b = append(b, `<p class="empty">برای این روز رویدادی ثبت نشده است.</p>`...)
	} else {
		b = append(b, `<ul class="event-list">`...)
		for i := range l.Events {
			e := &l.Events[i]
			b = append(appendEscaped(append(b, `<li><a href="`...), e.URL), `" class="`...)
			b = append(appendEscaped(b, e.Class), `">`...)
			if e.Time != "" {
				b = append(appendEscaped(append(b, `<span class="time">`...), e.Time), `</span> `...)
			}
			b = append(appendEscaped(b, e.Title), `</a> <span class="meta">`...)
			b = append(appendEscaped(b, e.KindName), `</span> <span class="meta">`...)
			b = append(appendEscaped(b, e.When), `</span></li>`...)
		}
		b = append(b, `</ul>`...)
	}
	if l.AddURL != "" {
		b = append(appendEscaped(append(b, `<p><a href="`...), l.AddURL), `" data-testid="day-list-add">+ رویداد تازه در این روز</a></p>`...)
	}
	return append(b, `</section>`...)
}

// appendOccasionName appends occasionName's name.
func appendOccasionName(b []byte, o *OccasionChip) []byte {
	if o.URL == "" {
		return appendEscaped(b, o.Name)
	}
	b = append(appendEscaped(append(b, `<a href="`...), o.URL), `" class="occ-link" data-testid="occasion-event">`...)
	return append(appendEscaped(b, o.Name), `</a>`...)
}

// appendHolidayClass appends the class templ.KV("holiday", on) names.
func appendHolidayClass(b []byte, on bool) []byte {
	if on {
		return append(b, `holiday`...)
	}
	return b
}
