-- Drives headless Neovim 0.7 as an LSP client of the twelve-factor server: receive diagnostics,
-- ask for code actions, apply the port fix, and write what happened to a JSON file.
local root = vim.env.TFL_ROOT
local file = root .. '/src/index.js'
local outcome = { diagnostics = nil, actions = {}, text = nil, error = nil }

local function finish()
  local handle = io.open(vim.env.TFL_OUT, 'w')
  handle:write(vim.fn.json_encode(outcome))
  handle:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    cmd = { vim.env.TFL_NODE, vim.env.TFL_SERVER, '--stdio' },
    root_dir = root,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        if result.uri == vim.uri_from_fname(file) and #result.diagnostics > 0 then outcome.diagnostics = result.diagnostics end
      end,
    },
  })
  vim.cmd('edit ' .. file)
  vim.lsp.buf_attach_client(0, client_id)
  vim.wait(20000, function() return outcome.diagnostics ~= nil end, 50)
  if not outcome.diagnostics then error('no diagnostics arrived') end

  local port
  for _, diagnostic in ipairs(outcome.diagnostics) do
    if diagnostic.code == 'port-binding/no-hardcoded-port' then port = diagnostic end
  end
  if not port then error('no port diagnostic') end
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, range = port.range, context = { diagnostics = { port } } }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 10000)
  local fix
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(outcome.actions, action.title)
      if action.isPreferred and action.edit and not fix then fix = action end
    end
  end
  if not fix then error('no preferred fix') end
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  outcome.text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
end)
if not ok then outcome.error = tostring(err) end
finish()
