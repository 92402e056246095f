/* usrsctp helper: see Targets */
