"""Reading and writing landscapes: DataFrames, the spreadsheet, the CSV folder, HSDS, JSON-stat,
survey forms, GEXF and GraphML. (JSON is read and written by the compiled core.)"""
