# ocp_wasm_recover, exported: called by the host right after its ocp.unwind import threw (README.md).
#
# Written here rather than in C because it sets the stack pointer: a C function with a frame of its own would
# put the pointer back to its frame's value on return. This one has no frame. It calls the C body first,
# which runs on the stack below the abandoned frames of the failed call (the pointer is still where the
# failure left it) and so reads the failed parse's context intact; then it moves the pointer to the top of
# the stack, where it is between calls. The body's status stays on the operand stack as the result.
	.globaltype __stack_pointer, i32
	.functype ocp_wasm_recover_failed () -> (i32)
	.functype ocp_wasm_stack_top () -> (i32)

	.text
	.globl ocp_wasm_recover
	.type ocp_wasm_recover,@function
ocp_wasm_recover:
	.functype ocp_wasm_recover () -> (i32)
	call ocp_wasm_recover_failed
	call ocp_wasm_stack_top
	global.set __stack_pointer
	end_function
