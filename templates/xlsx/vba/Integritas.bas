Attribute VB_Name = "Integritas"
' Integritas toolkit: makro tombol pada workbook .xlsm (Validasi, Isi Checklist Bukti,
' Buat Nota Dinas, Buat Laporan, Bantuan).
'
' Setiap makro hanya memanggil Python melalui RunPython (modul xlwings dalam proyek VBA
' yang sama) dengan satu aksi yang terdaftar di toolkit/excel_entry.py (ACTIONS).
' Semua pekerjaan dilakukan oleh pustaka Python yang sama dengan perintah "integritas".
' Interpreter Python diatur di xlwings.conf (lihat docs/excel.md).
'
' File ini adalah sumber makro; templat .xlsm dibangun dengan: integritas excel bangun
' Jangan mengganti nama makro: tombol pada sheet terikat pada nama-nama ini.
Option Explicit

Public Sub Validasi()
    RunPython "import toolkit.excel_entry as ie; ie.run('validasi')"
End Sub

Public Sub IsiChecklistBukti()
    RunPython "import toolkit.excel_entry as ie; ie.run('checklist-bukti')"
End Sub

Public Sub BuatNotaDinas()
    RunPython "import toolkit.excel_entry as ie; ie.run('nota-dinas')"
End Sub

Public Sub BuatLaporan()
    RunPython "import toolkit.excel_entry as ie; ie.run('laporan')"
End Sub

Public Sub Bantuan()
    RunPython "import toolkit.excel_entry as ie; ie.run('bantuan')"
End Sub
