print("sctpconform-bench")
