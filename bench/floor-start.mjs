/**
 * The floor of start-up: a bare Node process that sends one request to the
 * simulator at once, as `node -e "fetch(url)"` would. Same endpoint as the
 * action's first request, so the simulator's log times both alike.
 */
const response = await fetch(`${process.env['INPUT_AUTH-URL']}/oauth/token`, {
  method: 'POST'
})
await response.arrayBuffer()
