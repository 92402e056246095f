print("sctpconform")
