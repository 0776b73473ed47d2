import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { z } from 'zod';
import { App } from './app/App';
import { createCoreClient } from './api/client';

z.config(z.locales.zhCN());

const root = createRoot(document.getElementById('root')!);
createCoreClient()
  .then((client) =>
    root.render(
      <StrictMode>
        <App client={client} />
      </StrictMode>,
    ),
  )
  .catch((error: unknown) => {
    root.render(<p style={{ padding: 24 }}>无法连接到系统服务：{String(error)}</p>);
  });
