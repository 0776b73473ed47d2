import type { ThemeConfig } from 'antd';

/** Calm, dense defaults for a screen used all day: small controls, system CJK fonts. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fae',
    borderRadius: 4,
    fontSize: 14,
    fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 48, headerPadding: '0 20px', siderBg: '#ffffff' },
  },
};
