/* gen_xlsx.c — writes the xlsx test workbooks of tests/xlsx/ with libxlsxwriter, as a
 * spreadsheet program saves them: shared strings, cell styles, a date in a date format, a
 * merged header cell, a vertically merged data cell, a formula with its cached value, a
 * boolean, an empty row; and one workbook in libxlsxwriter's constant-memory mode, which
 * writes inline strings. The committed .xlsx files are its output:
 *   cc tests/xlsx/gen_xlsx.c $(pkg-config --cflags --libs xlsxwriter) -o /tmp/gen_xlsx
 *   /tmp/gen_xlsx tests/xlsx
 * (the CMake target gen_xlsx builds it too). */
#include <stdio.h>
#include <xlsxwriter.h>

static int lab(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/lab.xlsx", dir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *notes = workbook_add_worksheet(wb, "说明");
    worksheet_write_string(notes, 0, 0, "本厂与对标产品的力学性能检测结果", NULL);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_align(bold, LXW_ALIGN_CENTER);
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    /* header: 抗拉强度(MPa) merged over two determinations (D1:E1) */
    const char *head[] = {"样品编号", "组别", "检测日期", NULL, NULL, "屈服强度(MPa)", "合格", "备注"};
    for (int c = 0; c < 8; c++)
        if (head[c]) worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
    worksheet_merge_range(ws, 0, 3, 0, 4, "抗拉强度(MPa)", bold);
    struct { const char *id, *group; int y, m, d; double rm1, rm2, rel; int ok; } rows[] = {
        {"L1", "local", 2026, 10, 12, 600, 605, 450, 1},
        {"L2", "local", 2026, 10, 12, 610, 612, 455, 1},
        {"B1", "benchmark", 2026, 10, 13, 650, 652, 470, 1},
        {"B2", "benchmark", 2026, 10, 13, 655, 0, 480, 0},
    };
    lxw_row_t r = 1;
    for (int i = 0; i < 4; i++, r++) {
        if (i == 2) r++;  /* an empty row between the groups */
        worksheet_write_string(ws, r, 0, rows[i].id, NULL);
        if (i != 1) worksheet_write_string(ws, r, 1, rows[i].group, NULL);
        lxw_datetime dt = {rows[i].y, rows[i].m, rows[i].d, 0, 0, 0};
        worksheet_write_datetime(ws, r, 2, &dt, date);
        worksheet_write_number(ws, r, 3, rows[i].rm1, NULL);
        if (rows[i].rm2) worksheet_write_number(ws, r, 4, rows[i].rm2, NULL);
        else worksheet_write_string(ws, r, 4, "N.D", NULL);   /* a bad cell: E7 */
        if (i == 0) worksheet_write_formula_num(ws, r, 5, "=440+10", NULL, 450);  /* cached value */
        else worksheet_write_number(ws, r, 5, rows[i].rel, NULL);
        worksheet_write_boolean(ws, r, 6, rows[i].ok, NULL);
    }
    /* 组别 of L1 merged over L1 and L2 (B2:B3) */
    worksheet_merge_range(ws, 1, 1, 2, 1, "local", NULL);
    worksheet_write_string(ws, 1, 7, "", NULL);
    return workbook_close(wb) != LXW_NO_ERROR;
}

static int inline_strings(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/inline.xlsx", dir);
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "数据");
    const char *head[] = {"产品", "组别", "检测项目", "检测值", "单位"};
    for (int c = 0; c < 5; c++) worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    const char *rows[][5] = {{"热轧带肋钢筋", "local", "屈服强度", "450", "MPa"},
                             {"热轧带肋钢筋", "benchmark", "屈服强度", "470", "MPa"},
                             {"热轧带肋钢筋", "benchmark", "yield", "N.D.", "MPa"}};
    for (int i = 0; i < 3; i++)
        for (int c = 0; c < 5; c++) {
            if (c == 3 && i < 2) worksheet_write_number(ws, (lxw_row_t)(i + 1), 3, i ? 470 : 450, NULL);
            else worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, rows[i][c], NULL);
        }
    return workbook_close(wb) != LXW_NO_ERROR;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    return lab(dir) || inline_strings(dir);
}
