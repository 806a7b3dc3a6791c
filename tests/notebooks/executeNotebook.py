"""Execute a notebook on a Jupyter kernel with nbclient, keeping outputs that arrive after the kernel went idle.

    /usr/bin/python3 executeNotebook.py IN.ipynb OUT.ipynb [KERNEL] [TIMEOUT]

Called by runNotebooks.mjs. nbclient (as `jupyter nbconvert --execute`) stops reading a cell's outputs at the
kernel's `status: idle`. Deno's kernel (2.x) sends a cell's `execute_result` from JavaScript, after the evaluation,
and now and then that message is published after the idle: nbconvert then records the cell with no output at all
(seen here on 1 to 6 of the 20 display cells per run). So after each cell this client sends a no-op request
(`void 0`, which shows nothing) and reads the channel until the no-op's own idle: the kernel handles requests in
order, so everything the cell published is read by then and goes into the cell. Errors stay in the cells
(allow_errors) for runNotebooks.mjs to report one by one.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async

OUTPUT_TYPES = {"execute_result", "display_data", "update_display_data", "stream", "error", "clear_output"}


class LateOutputClient(NotebookClient):
    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if cell.cell_type != "code" or not cell.source.strip():
            return cell
        barrier = await ensure_async(self.kc.execute("void 0", store_history=False))
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.timeout))
            parent = msg["parent_header"].get("msg_id")
            if parent == barrier:
                if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                    break
                continue
            if msg["msg_type"] in OUTPUT_TYPES:
                print(f"cell {cell_index + 1}: {msg['msg_type']} arrived after the kernel went idle; kept", file=sys.stderr)
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass
        self.nb["cells"][cell_index] = cell
        return cell


def main():
    source, target = sys.argv[1], sys.argv[2]
    kernel = sys.argv[3] if len(sys.argv) > 3 else "deno"
    timeout = int(sys.argv[4]) if len(sys.argv) > 4 else 600
    nb = nbformat.read(source, as_version=4)
    client = LateOutputClient(nb, timeout=timeout, kernel_name=kernel, allow_errors=True, resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}})
    client.execute()
    nbformat.write(nb, target)


if __name__ == "__main__":
    main()
