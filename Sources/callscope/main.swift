import CallScopeSandbox
print("callscope")
