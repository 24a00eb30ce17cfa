#!/usr/bin/env bash
# One command: install, then run the main jobs on the bundled samples. Output in demo-output/.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-env.sh || exit 3
export PATH="$PWD/.venv/bin:$PATH"
OUT=demo-output
rm -rf "$OUT"; mkdir -p "$OUT"
failed=0
# The demo's own office configuration and data folder (a real office runs 'integritas kantor buat' once;
# the demo keeps everything inside demo-output/ and never touches the user's own configuration).
export INTEGRITAS_KONFIG="$PWD/$OUT/kantor.yaml" INTEGRITAS_DATA="$PWD/$OUT/data"
unset INTEGRITAS_BASISDATA INTEGRITAS_REGISTER

step() {  # step EXPECTED_EXIT "title" command...
  local expected=$1 title=$2; shift 2
  printf '\n\033[1m== %s\033[0m\n$ %s\n' "$title" "$*"
  "$@"; local rc=$?
  if [ "$rc" != "$expected" ]; then
    printf '\033[31m!! kode keluar %s, seharusnya %s\033[0m\n' "$rc" "$expected"; failed=1
  fi
}

step 0 "Siapkan kantor sekali: identitas, format nomor per jenis naskah, register nomor" \
  integritas kantor buat --dari samples/surat/kantor-djpb.yaml --register "$OUT/register-naskah.sqlite"
step 0 "Templat kosong dari skema" \
  integritas templat rencana-aksi-zi -o "$OUT/templat-rencana-aksi-zi.xlsx"
step 0 "Validasi sampel yang benar (tiga jenis)" \
  integritas validasi samples/rencana-aksi-zi/komdigi-2026-valid.xlsx \
  samples/tindak-lanjut-spi/bangka-tengah-2024-valid.xlsx samples/kalender-integritas/kppn-2023-valid.xlsx
cp samples/rencana-aksi-zi/komdigi-2026-invalid.xlsx "$OUT/"
step 1 "Validasi sampel berkesalahan + salinan .hasil.xlsx dengan sheet Hasil Validasi" \
  integritas validasi "$OUT/komdigi-2026-invalid.xlsx" --tulis-hasil
step 1 "Checklist bukti (data dukung) Komdigi 2026" \
  integritas checklist samples/rencana-aksi-zi/komdigi-2026-valid.xlsx --bukti samples/bukti/komdigi-2026 \
  -o "$OUT/komdigi-2026.checklist.xlsx"
step 0 "Nota Dinas ND-1182/PB.1/2023 (seed 000) ke .docx dan PDF" \
  integritas surat nota-dinas -d samples/surat/nota-dinas-nd-1182-pb1-2023.yaml \
  -o "$OUT/nota-dinas-nd-1182.docx" --pdf --register "$OUT/register-naskah.sqlite"
step 0 "Surat Dinas 700/40/ITDAKAB/2024 (seed 004) dengan Lampiran I dan II dari workbook SPI" \
  integritas surat surat-dinas -d samples/surat/surat-dinas-700-40-itdakab-2024.yaml \
  --lampiran-spi samples/tindak-lanjut-spi/bangka-tengah-2024-valid.xlsx -o "$OUT/surat-spi.docx" --pdf \
  --register "$OUT/register-naskah.sqlite"
step 0 "Nilai LKE ZI resmi dan predikat WBK/WBBM" \
  integritas nilai samples/lke/lke-zi-permenpanrb-90-2021.xlsx
step 1 "Kepatuhan frekuensi kegiatan Kanwil DJPb (semester I 2023)" \
  integritas nilai samples/kalender-integritas/kanwil-djpb-2023-valid.xlsx --per-tanggal 2023-06-30
step 1 "Rekap kantor pusat: 10 kiriman TW II dari 50 unit, siapa belum mengirim, surat balasan" \
  integritas rekap samples/rekap/kiriman-tw2 --daftar-unit samples/rekap/daftar-unit.xlsx \
  -o "$OUT/REKAP.xlsx" --db "$OUT/riwayat.sqlite" --surat "$OUT/surat-unit" \
  --pengirim samples/rekap/pengirim.yaml --register "$OUT/register-naskah.sqlite" --tanpa-progres
step 0 "Register nomor naskah (nomor surat balasan rekap)" \
  integritas surat daftar --register "$OUT/register-naskah.sqlite" --xlsx "$OUT/register-naskah.xlsx"
step 0 "Pindahkan register dan riwayat (file SQLite tersendiri) ke satu basis data, diperiksa baris demi baris" \
  integritas basisdata pindah "$OUT/register-naskah.sqlite" "$OUT/integritas.sqlite"
step 0 "... dan riwayat rekapnya" integritas basisdata pindah "$OUT/riwayat.sqlite" "$OUT/integritas.sqlite"
step 0 "Basis data gabungan: tren satu unit dan ringkasan isinya" \
  integritas --basisdata "$OUT/integritas.sqlite" rekap --tren KW-JABAR
step 0 "Ringkasan basis data" integritas basisdata info "$OUT/integritas.sqlite"
step 1 "Pajak BOS dan larangan belanja (seed 003), sampel dengan pelanggaran" \
  integritas inspektorat pajak samples/bos-transaksi/sdn1-mataram-2025-invalid.xlsx
step 0 "Workbook bertombol .xlsm untuk setiap jenis" integritas excel bangun -o "$OUT/xlsm"

printf '\n== Hasil di %s/:\n' "$OUT"; ls -1 "$OUT"
if [ "$failed" != 0 ]; then echo "Demo: ada langkah dengan kode keluar tak terduga." >&2; exit 1; fi
echo "Demo selesai."
